"use client";

import { useTranslations } from "next-intl";
import { useClientScope } from "@/components/client-scope";
import { PaymentRow } from "@/components/payments/payment-row";
import { EmptyState, ErrorState, PageHeader } from "@/components/states";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { usePayments } from "@/queries/payments";

/** `/paiements`: every online payment of the client, newest first, a page at a time. */
export function PaymentsClient() {
  const t = useTranslations("payments");
  const tc = useTranslations("common");
  const { clientId } = useClientScope();
  const payments = usePayments({ client: clientId });
  const list = payments.data?.pages.flatMap((page) => page.results) ?? [];
  const count = payments.data?.pages[0]?.count ?? 0;

  return (
    <div>
      <PageHeader title={t("title")} description={t("intro")} />
      {payments.isPending ? (
        <div className="flex flex-col gap-2" aria-busy="true" aria-label={tc("loading")}>
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} className="h-20" />
          ))}
        </div>
      ) : payments.isError ? (
        <ErrorState error={payments.error} onRetry={() => payments.refetch()} />
      ) : list.length === 0 ? (
        <EmptyState text={t("empty")} />
      ) : (
        <div className="flex flex-col gap-3">
          <p className="text-sm text-muted-foreground">{t("count", { count })}</p>
          <ul className="flex flex-col gap-2" data-testid="payment-list">
            {list.map((payment) => (
              <PaymentRow key={payment.id} payment={payment} showInvoice />
            ))}
          </ul>
          {payments.hasNextPage ? (
            <Button
              variant="outline"
              className="self-center"
              onClick={() => payments.fetchNextPage()}
              disabled={payments.isFetchingNextPage}
            >
              {payments.isFetchingNextPage ? tc("loading") : t("loadMore")}
            </Button>
          ) : null}
        </div>
      )}
    </div>
  );
}
