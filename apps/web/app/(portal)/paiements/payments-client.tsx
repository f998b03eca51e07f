"use client";

import { useTranslations } from "next-intl";
import { useClientScope } from "@/components/client-scope";
import { ListShell, LoadMoreButton, SkeletonRows } from "@/components/list-shell";
import { PaymentRow } from "@/components/payments/payment-row";
import { PageHeader } from "@/components/states";
import { usePayments } from "@/queries/payments";
import { StatementLink } from "@/components/billing/statement-link";

/** `/paiements`: every online payment of the client, newest first, a page at a time. */
export function PaymentsClient() {
  const t = useTranslations("payments");
  const { clientId } = useClientScope();
  const payments = usePayments({ client: clientId });
  const count = payments.data?.pages[0]?.count ?? 0;

  return (
    <div>
      <PageHeader title={t("title")} description={t("intro")} actions={<StatementLink />} />
      <ListShell
        query={payments}
        items={payments.data?.pages.flatMap((page) => page.results) ?? []}
        skeleton={<SkeletonRows count={4} row="h-20" />}
        empty={{ text: t("empty") }}
      >
        {(rows) => (
          <div className="flex flex-col gap-3">
            <p className="text-sm text-muted-foreground">{t("count", { count })}</p>
            <ul className="flex flex-col gap-2" data-testid="payment-list">
              {rows.map((payment) => (
                <PaymentRow key={payment.id} payment={payment} showInvoice />
              ))}
            </ul>
            <LoadMoreButton query={payments} label={t("loadMore")} />
          </div>
        )}
      </ListShell>
    </div>
  );
}
