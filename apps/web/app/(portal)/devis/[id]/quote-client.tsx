"use client";

import Link from "next/link";
import { CheckCircle2, Clock, Info, XCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { QuoteStatusBadge } from "@/components/badges";
import { BillingHeading, Fact, PdfLink } from "@/components/billing/header";
import { ItemsAndNotes } from "@/components/billing/line-items";
import { ValidityLine } from "@/components/billing/validity";
import { DetailSkeleton, RecordShell } from "@/components/record-shell";
import { BackLink } from "@/components/states";
import { useToast } from "@/components/toaster";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/input";
import { isApiError } from "@/lib/api/errors";
import type { Quote } from "@/lib/api/types";
import { formatDate, formatMoney } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { useErrorMessage } from "@/lib/use-error-message";
import { useDecideQuote, useQuote } from "@/queries/quotes";

/** Accept or decline, each behind a confirmation; only for the client's owners (`can_decide`). */
function Decision({ quote }: { quote: Quote }) {
  const t = useTranslations("quotes");
  const tc = useTranslations("common");
  const locale = useAppLocale();
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const decide = useDecideQuote(quote.id);
  const [dialog, setDialog] = useState<"accept" | "decline" | null>(null);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string>();
  const number = quote.number ?? "";

  const run = async (decision: "accept" | "decline") => {
    setError(undefined);
    try {
      await decide.mutateAsync(decision === "accept" ? { decision } : { decision, reason: reason.trim() || undefined });
      setDialog(null);
      toast.show("success", decision === "accept" ? t("accepted") : t("declined"));
    } catch (e) {
      setDialog(null);
      // 409: no longer `sent` (expired, or answered from another device). The quote is fetched
      // again and these buttons give way to its new state, so say it where it stays visible.
      if (isApiError(e) && e.status === 409) toast.show("error", t("notSentAnymore"));
      else setError(errorMessage(e));
    }
  };

  return (
    <div className="flex flex-col gap-3" data-testid="quote-decision">
      <p className="flex items-center gap-2 text-sm font-medium">
        <Clock className="size-4 text-sky-700" aria-hidden="true" />
        {t("awaiting")}
      </p>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <div className="flex flex-col gap-2 sm:flex-row">
        <Button size="lg" onClick={() => setDialog("accept")}>
          <CheckCircle2 aria-hidden="true" />
          {t("accept")}
        </Button>
        <Button size="lg" variant="outline" onClick={() => setDialog("decline")}>
          <XCircle aria-hidden="true" />
          {t("decline")}
        </Button>
      </div>
      <ConfirmDialog
        open={dialog === "accept"}
        onOpenChange={(open) => setDialog(open ? "accept" : null)}
        title={t("acceptTitle")}
        description={t("acceptText", { number, amount: formatMoney(quote.total_ttc, quote.currency, locale) })}
        confirmLabel={decide.isPending ? tc("sending") : t("acceptConfirm")}
        cancelLabel={tc("cancel")}
        onConfirm={() => run("accept")}
        pending={decide.isPending}
      />
      <ConfirmDialog
        open={dialog === "decline"}
        onOpenChange={(open) => setDialog(open ? "decline" : null)}
        title={t("declineTitle")}
        description={t("declineText")}
        confirmLabel={decide.isPending ? tc("sending") : t("declineConfirm")}
        cancelLabel={tc("cancel")}
        onConfirm={() => run("decline")}
        pending={decide.isPending}
        tone="destructive"
      >
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="decline-reason">
            {t("declineReason")} <span className="font-normal text-muted-foreground">({tc("optional")})</span>
          </Label>
          <Textarea id="decline-reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1000} rows={3} />
        </div>
      </ConfirmDialog>
    </div>
  );
}

/** What happened to the quote, once it is no longer waiting. */
function Outcome({ quote }: { quote: Quote }) {
  const t = useTranslations("quotes");
  const locale = useAppLocale();
  const date = quote.decided_at ? formatDate(quote.decided_at, locale) : "";
  if (quote.status === "accepted") {
    return (
      <div className="flex flex-col gap-2">
        <Alert tone="success" data-testid="quote-outcome">
          {quote.decided_by ? t("acceptedBy", { date, name: quote.decided_by.name }) : t("acceptedOn", { date })}
        </Alert>
        {quote.invoice_id ? (
          <Link href={`/factures/${quote.invoice_id}`} className="inline-flex min-h-11 items-center self-start text-sm font-medium text-primary hover:underline">
            {t("invoiceLink")}
          </Link>
        ) : null}
      </div>
    );
  }
  if (quote.status === "declined") {
    return (
      <div className="rounded-md border bg-muted/60 px-3 py-2 text-sm" data-testid="quote-outcome">
        <p>{quote.decided_by ? t("declinedBy", { date, name: quote.decided_by.name }) : t("declinedOn", { date })}</p>
        {quote.decline_reason ? <p className="mt-1 text-muted-foreground">{t("declineReasonShown", { reason: quote.decline_reason })}</p> : null}
      </div>
    );
  }
  if (quote.status === "expired") {
    return (
      <div className="flex flex-col gap-2">
        <p className="flex gap-2 rounded-md border border-amber-200 bg-warning-bg p-3 text-sm text-warning">
          <Info className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
          {t("expiredNote")}
        </p>
        <Button asChild variant="outline" className="self-start">
          <Link href="/support/nouveau">{t("askQuote")}</Link>
        </Button>
      </div>
    );
  }
  return null;
}

function QuoteDetail({ quote }: { quote: Quote }) {
  const t = useTranslations("quotes");
  const tb = useTranslations("billing");
  const locale = useAppLocale();
  const number = quote.number ?? tb("draft");

  return (
    <>
      <BillingHeading
        heading={t("detailTitle")}
        number={number}
        badge={<QuoteStatusBadge status={quote.status} />}
        document={quote}
      />

      <Card>
        <CardContent className="flex flex-col gap-4 pt-4">
          <dl className="grid grid-cols-2 gap-x-4 gap-y-3 sm:grid-cols-3">
            <Fact label={tb("issueDate")}>{quote.issue_date ? formatDate(quote.issue_date, locale) : "—"}</Fact>
            <Fact label={t("validUntil")}>
              {quote.valid_until ? formatDate(quote.valid_until, locale) : "—"}
              {quote.status === "sent" ? <ValidityLine quote={quote} className="block text-xs" onlySoon /> : null}
            </Fact>
            <Fact label={t("amount")}>
              <span className="text-lg font-semibold">{formatMoney(quote.total_ttc, quote.currency, locale)}</span>
            </Fact>
          </dl>
          {quote.status === "sent" ? (
            quote.can_decide ? (
              <Decision quote={quote} />
            ) : (
              <p className="flex gap-2 rounded-md bg-muted/70 p-3 text-sm text-muted-foreground">
                <Info className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
                {t("ownerOnly")}
              </p>
            )
          ) : (
            <Outcome quote={quote} />
          )}
          <PdfLink href={quote.pdf_url} number={number} variant={quote.can_decide ? "outline" : "default"} />
        </CardContent>
      </Card>

      <ItemsAndNotes document={quote} />
    </>
  );
}

export function QuoteClient({ id }: { id: string }) {
  const t = useTranslations("quotes");
  const quote = useQuote(id);
  return (
    <div className="flex flex-col gap-4">
      <BackLink href="/devis" label={t("backToList")} />
      <RecordShell query={quote} skeleton={<DetailSkeleton blocks={["h-36", "h-48"]} />}>
        {(data) => <QuoteDetail quote={data} />}
      </RecordShell>
    </div>
  );
}
