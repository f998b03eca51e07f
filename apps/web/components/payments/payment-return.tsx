"use client";

import Link from "next/link";
import { CheckCircle2, Clock, Download, ExternalLink, Loader2, RefreshCw, ShieldAlert, TimerOff, XCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import { PaymentStatusBadge } from "@/components/payments/status-badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import type { PaymentStatus } from "@/lib/api/types";
import { formatDateTime, formatMoney } from "@/lib/format";
import { paymentOutcome, type PaymentOutcome } from "@/lib/payments";
import { useAppLocale } from "@/lib/use-app-locale";
import { cn } from "@/lib/utils";

/**
 * The page CinetPay's checkout sends the payer back to, shared by the portal (`/paiements/{id}`)
 * and the pay link (`/payer/retour`): the outcome in large, the payment's facts, and what to do
 * next. Each page brings its own payment, texts and ways out; this file reads the `payments`
 * messages only, which the pay link's pages also get (lib/message-scope.ts), and imports nothing
 * of the portal.
 */

const ICONS: Record<PaymentOutcome, { icon: typeof CheckCircle2; className: string }> = {
  success: { icon: CheckCircle2, className: "text-success" },
  refused: { icon: XCircle, className: "text-destructive" },
  pending: { icon: Loader2, className: "text-primary motion-safe:animate-spin" },
  expired: { icon: TimerOff, className: "text-muted-foreground" },
  flagged: { icon: ShieldAlert, className: "text-warning" },
};

/** What both APIs say of a payment (`PaymentDto`, `PublicPaymentDto`). */
export type ReturnedPayment = {
  status: PaymentStatus;
  amount: number;
  currency: string;
  transaction_id: string;
  receipt_number?: string | null;
  settled_at?: string | null;
  created_at?: string | null;
  checkout_url?: string | null;
};

/** A fact under the outcome: a label and its value. */
export function ReturnFact({ label, children, className }: { label: string; children: React.ReactNode; className?: string }) {
  return (
    <div className={cn("flex min-w-0 flex-col gap-0.5", className)}>
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="font-medium tabular-nums">{children}</dd>
    </div>
  );
}

function Facts({ payment, extra }: { payment: ReturnedPayment; extra?: React.ReactNode }) {
  const t = useTranslations("payments.return");
  const locale = useAppLocale();
  const date = payment.settled_at ?? payment.created_at;
  return (
    <Card className="w-full">
      <CardContent className="pt-4">
        <dl className="grid grid-cols-2 gap-x-4 gap-y-3 text-left">
          <ReturnFact label={t("amount")}>
            <span className="text-lg font-semibold">{formatMoney(payment.amount, payment.currency, locale)}</span>
          </ReturnFact>
          {date ? <ReturnFact label={t("date")}>{formatDateTime(date, locale)}</ReturnFact> : null}
          {extra}
          {payment.receipt_number ? <ReturnFact label={t("receiptNumber")}>{payment.receipt_number}</ReturnFact> : null}
          <ReturnFact label={t("reference")} className="col-span-2">
            <span className="font-mono text-sm break-all">{payment.transaction_id}</span>
          </ReturnFact>
        </dl>
      </CardContent>
    </Card>
  );
}

export type PaymentReturnProps = {
  payment: ReturnedPayment;
  /** The page has stopped asking (see `usePollSchedule`): no spinner, « Vérifier à nouveau » instead. */
  stopped: boolean;
  checking: boolean;
  onCheckAgain: () => void;
  /** The sentence under the title, for this outcome and page. */
  text: string;
  /** Facts of this page's own, after the amount and the date. */
  extraFacts?: React.ReactNode;
  /** The receipt PDF once accepted, in the reader's language. */
  receiptHref: string | null;
  /** Where « Réessayer » leads after a refusal or an expiry. */
  retryHref: string;
  /** Back to the invoice: the portal's page, or the link's. */
  invoice: { href: string; label: string };
  /** Help after an expiry or a flag (the portal's support). */
  support?: React.ReactNode;
  /** Going back to CinetPay's page (the pay link first makes the payment its own); a plain link without it. */
  onResume?: (checkoutUrl: string) => void;
};

export function PaymentReturn({
  payment,
  stopped,
  checking,
  onCheckAgain,
  text,
  extraFacts,
  receiptHref,
  retryHref,
  invoice,
  support,
  onResume,
}: PaymentReturnProps) {
  const t = useTranslations("payments.return");
  const outcome = paymentOutcome(payment.status);
  // Once the page has stopped asking, no spinner: nothing moves until "Vérifier à nouveau".
  const { icon: Icon, className } = outcome === "pending" && stopped ? { icon: Clock, className: "text-warning" } : ICONS[outcome];
  const title = {
    success: t("successTitle"),
    refused: t("refusedTitle"),
    pending: t("pendingTitle"),
    expired: t("expiredTitle"),
    flagged: t("flaggedTitle"),
  }[outcome];
  const invoiceLink = (primary = false) => (
    <Button asChild variant={primary ? "default" : "outline"} size="lg">
      <Link href={invoice.href}>{invoice.label}</Link>
    </Button>
  );
  const retry = (
    <Button asChild size="lg">
      <Link href={retryHref}>{t("retry")}</Link>
    </Button>
  );
  const checkoutUrl = payment.checkout_url;

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

      <Facts payment={payment} extra={extraFacts} />

      <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:justify-center">
        {outcome === "success" ? (
          <>
            {receiptHref ? (
              <Button asChild size="lg">
                <a href={receiptHref} target="_blank" rel="noopener" data-testid="receipt-download">
                  <Download aria-hidden="true" />
                  {t("downloadReceipt")}
                </a>
              </Button>
            ) : null}
            {invoiceLink()}
          </>
        ) : outcome === "refused" || outcome === "expired" ? (
          <>
            {retry}
            {invoiceLink()}
            {outcome === "expired" ? support : null}
          </>
        ) : outcome === "flagged" ? (
          <>
            {invoiceLink(true)}
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
            {checkoutUrl ? (
              <Button asChild variant={stopped ? "outline" : "default"} size="lg">
                <a
                  href={checkoutUrl}
                  onClick={
                    onResume &&
                    ((event) => {
                      event.preventDefault();
                      onResume(checkoutUrl);
                    })
                  }
                >
                  <ExternalLink aria-hidden="true" />
                  {t("backToCheckout")}
                </a>
              </Button>
            ) : null}
            {invoiceLink()}
          </>
        )}
      </div>
    </div>
  );
}

/** While the payment's first answer is on its way. */
export function PaymentReturnSkeleton({ label }: { label?: string }) {
  return (
    <div className="mx-auto flex w-full max-w-lg flex-col items-center gap-4 pt-4" aria-busy="true">
      {label ? <span className="sr-only">{label}</span> : null}
      <Skeleton className="size-16 rounded-full" />
      <Skeleton className="h-8 w-2/3" />
      <Skeleton className="h-4 w-full" />
      <Skeleton className="h-40 w-full" />
    </div>
  );
}
