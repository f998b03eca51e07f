"use client";

import Link from "next/link";
import { Download, ExternalLink } from "lucide-react";
import { useTranslations } from "next-intl";
import { PaymentStatusBadge } from "@/components/badges";
import { buttonVariants } from "@/components/ui/button";
import type { PaymentDto } from "@/lib/api/types";
import { formatDateTime, formatMoney } from "@/lib/format";
import { receiptUrl } from "@/lib/payments";
import { useAppLocale } from "@/lib/use-app-locale";
import { cn } from "@/lib/utils";

type RowPayment = Pick<
  PaymentDto,
  "id" | "amount" | "currency" | "status" | "channel" | "created_at" | "settled_at" | "receipt_number" | "checkout_url"
> & {
  method_label?: string | null;
  invoice_number?: string | null;
  initiated_by_name?: string | null;
};

/** The means of payment as people know it: "Orange Money", else the channel chosen ("Mobile Money"). */
export function useMethodLabel() {
  const t = useTranslations("payments");
  return (payment: Pick<RowPayment, "method_label" | "channel">): string | null =>
    payment.method_label || (payment.channel === "ALL" ? null : t(`channel.${payment.channel}`));
}

/**
 * One payment in a list: amount, date, means and status; the whole row opens its page, and the
 * receipt ("Reçu") or the checkout page ("Reprendre") are one tap away.
 */
export function PaymentRow({ payment, showInvoice }: { payment: RowPayment; showInvoice?: boolean }) {
  const t = useTranslations("payments");
  const locale = useAppLocale();
  const methodLabel = useMethodLabel();
  const money = formatMoney(payment.amount, payment.currency, locale);
  const date = formatDateTime(payment.settled_at ?? payment.created_at, locale);
  const method = methodLabel(payment);
  const resumable = payment.status === "pending" && payment.checkout_url;
  const receipt = payment.status === "accepted";

  return (
    <li className="relative flex flex-col gap-1.5 rounded-lg border bg-card p-3 hover:bg-accent/60" data-testid="payment-row">
      <div className="flex items-start justify-between gap-2">
        <Link
          href={`/paiements/${payment.id}`}
          className="font-semibold tabular-nums after:absolute after:inset-0 after:rounded-lg hover:underline"
          aria-label={t("rowLabel", { amount: money, date })}
        >
          {money}
        </Link>
        <PaymentStatusBadge status={payment.status} />
      </div>
      <p className="flex flex-wrap gap-x-1.5 text-sm text-muted-foreground">
        <span className="tabular-nums">{date}</span>
        {method ? <span>· {method}</span> : null}
        {showInvoice && payment.invoice_number ? <span className="tabular-nums">· {t("invoice", { number: payment.invoice_number })}</span> : null}
        {payment.initiated_by_name ? <span>· {t("by", { name: payment.initiated_by_name })}</span> : null}
      </p>
      {receipt || resumable ? (
        <div className="relative z-10 flex flex-wrap gap-2">
          {receipt ? (
            <a
              href={receiptUrl(payment.id, locale)}
              target="_blank"
              rel="noopener"
              className={cn(buttonVariants({ variant: "outline", size: "sm" }))}
              aria-label={t("receiptLabel", { number: payment.receipt_number ?? "" })}
              data-testid="receipt-link"
            >
              <Download aria-hidden="true" />
              {t("receipt")}
              {payment.receipt_number ? <span className="text-muted-foreground tabular-nums">{payment.receipt_number}</span> : null}
            </a>
          ) : null}
          {resumable ? (
            <a
              href={payment.checkout_url!}
              className={cn(buttonVariants({ variant: "outline", size: "sm" }))}
              aria-label={t("resumeLabel", { amount: money })}
            >
              <ExternalLink aria-hidden="true" />
              {t("resume")}
            </a>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
