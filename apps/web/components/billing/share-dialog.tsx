"use client";

import { Loader2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import type { Invoice } from "@/lib/api/types";
import { useErrorMessage } from "@/lib/use-error-message";
import { useCreatePayLink } from "@/queries/pay-links";
import { ShareLinkPanel } from "./share-link";

/** Makes the link as it opens (30 days, the API's default), then offers to send it. */
export function ShareDialog({ invoice, open, onOpenChange }: { invoice: Invoice; open: boolean; onOpenChange: (open: boolean) => void }) {
  const t = useTranslations("payLink.share");
  const tc = useTranslations("common");
  const errorMessage = useErrorMessage();
  const create = useCreatePayLink(invoice.id);
  const { mutate, isIdle } = create;
  const number = invoice.number ?? "";

  useEffect(() => {
    if (open && isIdle) mutate(undefined);
  }, [open, isIdle, mutate]);

  const link = create.data;
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent closeLabel={tc("close")} data-testid="share-dialog">
        <DialogHeader>
          <DialogTitle>{t("title", { number })}</DialogTitle>
          <DialogDescription>{t("description")}</DialogDescription>
        </DialogHeader>
        {link?.url ? (
          <ShareLinkPanel
            facts={{ number, balance: invoice.balance_due, currency: invoice.currency, url: link.url, expiresAt: link.expires_at }}
          />
        ) : create.isError ? (
          <Alert tone="error" className="flex flex-col gap-2">
            <p>{errorMessage(create.error)}</p>
            <Button type="button" variant="outline" className="self-start" onClick={() => create.mutate(undefined)}>
              {t("retry")}
            </Button>
          </Alert>
        ) : (
          <p role="status" className="flex min-h-11 items-center gap-2 text-sm text-muted-foreground">
            <Loader2 className="size-4 motion-safe:animate-spin" aria-hidden="true" />
            {t("making")}
          </p>
        )}
      </DialogContent>
    </Dialog>
  );
}
