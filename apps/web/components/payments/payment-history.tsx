"use client";

import { useTranslations } from "next-intl";
import { EmptyState, ErrorState } from "@/components/states";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { useInvoicePayments } from "@/queries/payments";
import { PaymentRow } from "./payment-row";

/** The invoice page's "Paiements": every online payment of the invoice, newest first. */
export function PaymentHistory({ invoiceId }: { invoiceId: string }) {
  const t = useTranslations("payments");
  const tc = useTranslations("common");
  const payments = useInvoicePayments(invoiceId);
  const list = payments.data?.results ?? [];

  return (
    <Card aria-labelledby="payments-title" data-testid="payment-history">
      <CardHeader>
        <CardTitle id="payments-title">{t("history")}</CardTitle>
      </CardHeader>
      <CardContent>
        {payments.isPending ? (
          <div className="flex flex-col gap-2" aria-busy="true" aria-label={tc("loading")}>
            <Skeleton className="h-16" />
          </div>
        ) : payments.isError ? (
          <ErrorState error={payments.error} onRetry={() => payments.refetch()} />
        ) : list.length === 0 ? (
          <EmptyState text={t("historyEmpty")} />
        ) : (
          <ul className="flex flex-col gap-2">
            {list.map((payment) => (
              <PaymentRow key={payment.id} payment={payment} />
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
