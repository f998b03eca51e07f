"use client";

import { useTranslations } from "next-intl";
import { DashboardCard } from "@/components/dashboard-card";
import { SkeletonRows } from "@/components/list-shell";
import { useInvoicePayments } from "@/queries/payments";
import { PaymentRow } from "./payment-row";

/** The invoice page's "Paiements": every online payment of the invoice, newest first. */
export function PaymentHistory({ invoiceId }: { invoiceId: string }) {
  const t = useTranslations("payments");
  const payments = useInvoicePayments(invoiceId);

  return (
    <DashboardCard
      titleId="payments-title"
      title={t("history")}
      data-testid="payment-history"
      query={payments}
      items={payments.data?.results ?? []}
      skeleton={<SkeletonRows count={1} row="h-16" />}
      empty={{ text: t("historyEmpty") }}
    >
      {(rows) => (
        <ul className="flex flex-col gap-2">
          {rows.map((payment) => (
            <PaymentRow key={payment.id} payment={payment} />
          ))}
        </ul>
      )}
    </DashboardCard>
  );
}
