"use client";

import { FileSpreadsheet } from "lucide-react";
import { useTranslations } from "next-intl";
import { Skeleton } from "@/components/ui/skeleton";
import { buttonVariants } from "@/components/ui/button";
import { formatMoney, formatNumber } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { cn } from "@/lib/utils";
import { useInvoiceTotals } from "./desk-queries";
import { invoiceExportHref, invoiceFilterParams, type ExportLayout, type InvoiceListState } from "./list-state";

/**
 * Under the list: the whole filtered set's totals per currency (not only this page's rows), read
 * from the API with the list's own filters.
 */
export function InvoiceTotalsFooter({ state }: { state: InvoiceListState }) {
  const t = useTranslations("admin.billing.totals");
  const locale = useAppLocale();
  const totals = useInvoiceTotals(invoiceFilterParams(state));
  if (totals.isError) return null;
  return (
    <section
      aria-labelledby="invoice-totals-title"
      className={cn("mt-3 rounded-lg border bg-muted/40 px-4 py-3", totals.isPlaceholderData && "opacity-60")}
      aria-busy={totals.isFetching}
      data-testid="invoice-totals"
    >
      <h2 id="invoice-totals-title" className="text-xs font-medium text-muted-foreground">
        {t("title")}
      </h2>
      {totals.data ? (
        <ul className="mt-1 flex flex-col gap-2">
          {totals.data.map((row) => (
            <li key={row.currency}>
              <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:flex sm:flex-wrap sm:items-baseline sm:gap-x-8">
                <div className="col-span-2 flex items-baseline gap-2 sm:col-span-1">
                  <dt className="text-xs text-muted-foreground">{t("count")}</dt>
                  <dd className="font-semibold tabular-nums" data-testid="totals-count">
                    {formatNumber(row.count, locale)}
                  </dd>
                </div>
                <div className="flex flex-col sm:flex-row sm:items-baseline sm:gap-2">
                  <dt className="text-xs text-muted-foreground">{t("total")}</dt>
                  <dd className="font-semibold tabular-nums">{formatMoney(row.total_ttc, row.currency, locale)}</dd>
                </div>
                <div className="flex flex-col sm:flex-row sm:items-baseline sm:gap-2">
                  <dt className="text-xs text-muted-foreground">{t("balance")}</dt>
                  <dd className="font-semibold tabular-nums">
                    {formatMoney(row.balance_due, row.currency, locale)}
                  </dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      ) : (
        <Skeleton className="mt-1 h-5 w-64 max-w-full" />
      )}
    </section>
  );
}

/** "Exporter (CSV)" and "CSV détaillé (lignes)": plain links, the browser downloads with the session's cookie. */
export function ExportLinks({ state }: { state: InvoiceListState }) {
  const t = useTranslations("admin.billing.export");
  const link = (layout: ExportLayout) => (
    <a
      key={layout}
      href={invoiceExportHref(state, layout)}
      download
      className={cn(buttonVariants({ variant: "ghost", size: "sm" }), "min-h-11")}
      data-testid={`export-${layout}`}
    >
      <FileSpreadsheet aria-hidden="true" />
      {t(layout)}
    </a>
  );
  return (
    <div className="mt-2 flex flex-wrap items-center gap-x-1 gap-y-0" role="group" aria-label={t("label")}>
      {link("invoices")}
      {link("lines")}
    </div>
  );
}
