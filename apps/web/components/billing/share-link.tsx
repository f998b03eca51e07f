"use client";

import { Check, Copy, MessageCircle, MessageSquareText } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { formatDate } from "@/lib/format";
import { shareMessage, smsHref, whatsAppHref, type ShareFacts } from "@/lib/pay-link";
import { useAppLocale } from "@/lib/use-app-locale";
import { cn } from "@/lib/utils";

type CopyState = "idle" | "copied" | "failed";

/**
 * A pay link just made: its address (selectable, since it is shown only this once), until when it
 * works, and the ways to send it: copy, WhatsApp, SMS, each with a short message that says which
 * invoice and how much. Used by the portal's « Partager » and the back-office's « Liens de paiement ».
 */
export function ShareLinkPanel({ facts, className }: { facts: ShareFacts; className?: string }) {
  const t = useTranslations("payLink.share");
  const locale = useAppLocale();
  const uid = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<CopyState>("idle");
  const message = shareMessage((key, values) => t(key, values), facts, locale);

  const copyLink = async () => {
    try {
      await navigator.clipboard.writeText(facts.url);
      setCopy("copied");
    } catch {
      // No clipboard (refused, or an address that is not secure): select the link for a long press.
      inputRef.current?.select();
      setCopy("failed");
    }
  };

  return (
    <div className={cn("flex flex-col gap-3", className)} data-testid="share-link">
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={`${uid}-url`}>{t("link")}</Label>
        <Input
          ref={inputRef}
          id={`${uid}-url`}
          readOnly
          value={facts.url}
          onFocus={(event) => event.currentTarget.select()}
          aria-describedby={`${uid}-valid`}
          className="font-mono text-sm"
          data-testid="share-url"
        />
        <p id={`${uid}-valid`} className="text-sm text-muted-foreground">
          {facts.expiresAt ? `${t("validUntil", { date: formatDate(facts.expiresAt, locale) })} ` : null}
          {t("onlyOnce")}
        </p>
      </div>
      <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap">
        <Button type="button" variant="outline" onClick={() => void copyLink()}>
          {copy === "copied" ? <Check aria-hidden="true" /> : <Copy aria-hidden="true" />}
          {t("copy")}
        </Button>
        <Button asChild variant="outline">
          <a href={whatsAppHref(message)} target="_blank" rel="noopener noreferrer" data-testid="share-whatsapp">
            <MessageCircle aria-hidden="true" />
            {t("whatsapp")}
          </a>
        </Button>
        <Button asChild variant="outline">
          <a href={smsHref(message)} data-testid="share-sms">
            <MessageSquareText aria-hidden="true" />
            {t("sms")}
          </a>
        </Button>
      </div>
      <p aria-live="polite" className={cn("min-h-5 text-sm", copy === "failed" ? "text-destructive" : "text-success")}>
        {copy === "copied" ? t("copied") : copy === "failed" ? t("copyFailed") : null}
      </p>
    </div>
  );
}
