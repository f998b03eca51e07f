"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMethodLabel } from "@/components/payments/payment-row";
import { usePollSchedule, usePollWindow } from "@/components/payments/poll-schedule";
import { PaymentReturn, PaymentReturnSkeleton, ReturnFact } from "@/components/payments/payment-return";
import { ErrorState } from "@/components/states";
import type { PaymentDto } from "@/lib/api/types";
import { isOpenPayment, payInvoiceUrl, paymentOutcome, receiptUrl } from "@/lib/payments";
import { useAppLocale } from "@/lib/use-app-locale";
import { usePaymentStatus } from "@/queries/payments";

/** The payment, asked for while it is pending (see `usePollSchedule`). */
function usePolledPayment(id: string) {
  const schedule = usePollSchedule();
  const payment = usePaymentStatus(id, schedule.refetchInterval);
  const open = payment.data ? isOpenPayment(payment.data.status) : false;
  const checkAgain = usePollWindow(schedule, open, payment.refetch);
  return { payment, stopped: schedule.stopped, checkAgain };
}

/** The portal's side of the shared return page: its texts, the means and the invoice, support. */
function PortalPaymentResult({ payment, stopped, checking, onCheckAgain }: { payment: PaymentDto; stopped: boolean; checking: boolean; onCheckAgain: () => void }) {
  const t = useTranslations("payments.return");
  const tp = useTranslations("payments");
  const locale = useAppLocale();
  const methodLabel = useMethodLabel();
  const method = methodLabel(payment);
  const text = {
    success: t("successText", { number: payment.invoice_number ?? "" }),
    refused: payment.status === "failed" ? t("failedText") : t("refusedText"),
    pending: stopped ? t("stoppedHint") : t("pendingHint"),
    expired: t("expiredText"),
    flagged: t("flaggedText"),
  }[paymentOutcome(payment.status)];
  return (
    <PaymentReturn
      payment={payment}
      stopped={stopped}
      checking={checking}
      onCheckAgain={onCheckAgain}
      text={text}
      extraFacts={
        <>
          {method ? <ReturnFact label={t("method")}>{method}</ReturnFact> : null}
          <ReturnFact label={t("invoice")}>
            <Link href={`/factures/${payment.invoice_id}`} className="text-primary hover:underline">
              {payment.invoice_number ?? "—"}
            </Link>
          </ReturnFact>
        </>
      }
      receiptHref={receiptUrl(payment.id, locale)}
      retryHref={payInvoiceUrl(payment.invoice_id)}
      invoice={{ href: `/factures/${payment.invoice_id}`, label: t("seeInvoice") }}
      support={
        <Link href="/support/nouveau" className="inline-flex min-h-11 items-center justify-center text-sm font-medium text-primary hover:underline">
          {tp("contactSupport")}
        </Link>
      }
    />
  );
}

export function PaymentClient({ id }: { id: string }) {
  const { payment, stopped, checkAgain } = usePolledPayment(id);

  if (payment.data) {
    return <PortalPaymentResult payment={payment.data} stopped={stopped} checking={payment.isFetching} onCheckAgain={checkAgain} />;
  }
  if (payment.isError) {
    return <ErrorState error={payment.error} onRetry={() => payment.refetch()} className="mx-auto max-w-lg" />;
  }
  return <PaymentReturnSkeleton />;
}
