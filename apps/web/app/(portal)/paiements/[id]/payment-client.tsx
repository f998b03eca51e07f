"use client";

import Link from "next/link";
import { CheckCircle2, Clock, Download, ExternalLink, Loader2, RefreshCw, ShieldAlert, TimerOff, XCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import { PaymentStatusBadge } from "@/components/badges";
import { Fact } from "@/components/billing/header";
import { useMethodLabel } from "@/components/payments/payment-row";
import { usePollSchedule, usePollWindow } from "@/components/payments/poll-schedule";
import { ErrorState } from "@/components/states";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import type { PaymentDto } from "@/lib/api/types";
import { formatDateTime, formatMoney } from "@/lib/format";
import { isOpenPayment, payInvoiceUrl, paymentOutcome, receiptUrl, type PaymentOutcome } from "@/lib/payments";
import { useAppLocale } from "@/lib/use-app-locale";
import { cn } from "@/lib/utils";
import { usePaymentStatus } from "@/queries/payments";

const ICONS: Record<PaymentOutcome, { icon: typeof CheckCircle2; className: string }> = {
  success: { icon: CheckCircle2, className: "text-success" },
  refused: { icon: XCircle, className: "text-destructive" },
  pending: { icon: Loader2, className: "text-primary motion-safe:animate-spin" },
  expired: { icon: TimerOff, className: "text-muted-foreground" },
  flagged: { icon: ShieldAlert, className: "text-warning" },
};

/** The payment, asked for while it is pending (see `usePollSchedule`). */
function usePolledPayment(id: string) {
  const schedule = usePollSchedule();
  const payment = usePaymentStatus(id, schedule.refetchInterval);
  const open = payment.data ? isOpenPayment(payment.data.status) : false;
  const checkAgain = usePollWindow(schedule, open, payment.refetch);
  return { payment, stopped: schedule.stopped, checkAgain };
}

function Facts({ payment }: { payment: PaymentDto }) {
  const t = useTranslations("payments.return");
  const locale = useAppLocale();
  const methodLabel = useMethodLabel();
  const method = methodLabel(payment);
  return (
    <Card>
      <CardContent className="pt-4">
        <dl className="grid grid-cols-2 gap-x-4 gap-y-3 text-left">
          <Fact label={t("amount")}>
            <span className="text-lg font-semibold">{formatMoney(payment.amount, payment.currency, locale)}</span>
          </Fact>
          <Fact label={t("date")}>{formatDateTime(payment.settled_at ?? payment.created_at, locale)}</Fact>
          {method ? <Fact label={t("method")}>{method}</Fact> : null}
          <Fact label={t("invoice")}>
            <Link href={`/factures/${payment.invoice_id}`} className="text-primary hover:underline">
              {payment.invoice_number ?? "—"}
            </Link>
          </Fact>
          {payment.receipt_number ? <Fact label={t("receiptNumber")}>{payment.receipt_number}</Fact> : null}
          <Fact label={t("reference")} className="col-span-2">
            <span className="font-mono text-sm break-all">{payment.transaction_id}</span>
          </Fact>
        </dl>
      </CardContent>
    </Card>
  );
}

function PaymentResult({
  payment,
  stopped,
  checking,
  onCheckAgain,
}: {
  payment: PaymentDto;
  stopped: boolean;
  checking: boolean;
  onCheckAgain: () => void;
}) {
  const t = useTranslations("payments.return");
  const tp = useTranslations("payments");
  const locale = useAppLocale();
  const outcome = paymentOutcome(payment.status);
  // Once the page has stopped asking, no spinner: nothing moves until "Vérifier à nouveau".
  const { icon: Icon, className } = outcome === "pending" && stopped ? { icon: Clock, className: "text-warning" } : ICONS[outcome];
  const invoiceLink = (
    <Button asChild variant="outline" size="lg">
      <Link href={`/factures/${payment.invoice_id}`}>{t("seeInvoice")}</Link>
    </Button>
  );
  const retry = (
    <Button asChild size="lg">
      <Link href={payInvoiceUrl(payment.invoice_id)}>{t("retry")}</Link>
    </Button>
  );
  const support = (
    <Link href="/support/nouveau" className="inline-flex min-h-11 items-center justify-center text-sm font-medium text-primary hover:underline">
      {tp("contactSupport")}
    </Link>
  );

  const title = {
    success: t("successTitle"),
    refused: t("refusedTitle"),
    pending: t("pendingTitle"),
    expired: t("expiredTitle"),
    flagged: t("flaggedTitle"),
  }[outcome];
  const text = {
    success: t("successText", { number: payment.invoice_number ?? "" }),
    refused: payment.status === "failed" ? t("failedText") : t("refusedText"),
    pending: stopped ? t("stoppedHint") : t("pendingHint"),
    expired: t("expiredText"),
    flagged: t("flaggedText"),
  }[outcome];

  return (
    <div className="mx-auto flex w-full max-w-lg flex-col gap-5" data-testid="payment-result" data-outcome={outcome}>
      <div className="flex flex-col items-center gap-3 text-center">
        <Icon className={cn("size-16", className)} strokeWidth={1.75} aria-hidden="true" />
        {/* Read out when the status changes while the page waits. */}
        <div role="status" aria-live="polite" aria-atomic="true" className="flex flex-col items-center gap-2">
          <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
          <p className="max-w-prose text-sm text-muted-foreground">{text}</p>
        </div>
        <PaymentStatusBadge status={payment.status} />
        {outcome === "pending" && !stopped ? <span className="sr-only">{t("checking")}</span> : null}
      </div>

      <Facts payment={payment} />

      <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:justify-center">
        {outcome === "success" ? (
          <>
            <Button asChild size="lg">
              <a href={receiptUrl(payment.id, locale)} target="_blank" rel="noopener" data-testid="receipt-download">
                <Download aria-hidden="true" />
                {t("downloadReceipt")}
              </a>
            </Button>
            {invoiceLink}
          </>
        ) : outcome === "refused" ? (
          <>
            {retry}
            {invoiceLink}
          </>
        ) : outcome === "expired" ? (
          <>
            {retry}
            {invoiceLink}
            {support}
          </>
        ) : outcome === "flagged" ? (
          <>
            {invoiceLink}
            {support}
          </>
        ) : (
          <>
            {stopped ? (
              <Button size="lg" onClick={onCheckAgain} disabled={checking}>
                <RefreshCw className={cn(checking && "motion-safe:animate-spin")} aria-hidden="true" />
                {t("checkAgain")}
              </Button>
            ) : null}
            {payment.checkout_url ? (
              <Button asChild variant={stopped ? "outline" : "default"} size="lg">
                <a href={payment.checkout_url}>
                  <ExternalLink aria-hidden="true" />
                  {t("backToCheckout")}
                </a>
              </Button>
            ) : null}
            {invoiceLink}
          </>
        )}
      </div>
    </div>
  );
}

export function PaymentClient({ id }: { id: string }) {
  const { payment, stopped, checkAgain } = usePolledPayment(id);

  if (payment.data) {
    return (
      <PaymentResult payment={payment.data} stopped={stopped} checking={payment.isFetching} onCheckAgain={checkAgain} />
    );
  }
  if (payment.isError) {
    return <ErrorState error={payment.error} onRetry={() => payment.refetch()} className="mx-auto max-w-lg" />;
  }
  return (
    <div className="mx-auto flex w-full max-w-lg flex-col items-center gap-4" aria-busy="true">
      <Skeleton className="size-16 rounded-full" />
      <Skeleton className="h-8 w-2/3" />
      <Skeleton className="h-4 w-full" />
      <Skeleton className="h-40 w-full" />
    </div>
  );
}
