"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { InvoiceStatusBadge } from "@/components/badges";
import { DueStatus, isLate, isUnpaid } from "@/components/billing/due-status";
import { FilterChips } from "@/components/billing/filter-chips";
import { useClientScope } from "@/components/client-scope";
import { ListShell, SkeletonRows } from "@/components/list-shell";
import { PageHeader } from "@/components/states";
import { Button } from "@/components/ui/button";
import { INVOICE_FILTERS, type Invoice } from "@/lib/api/types";
import { formatDate, formatMoney } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { cn } from "@/lib/utils";
import { useInvoices } from "@/queries/invoices";

type Filter = (typeof INVOICE_FILTERS)[number] | "all";

/** Keeps the chosen filter in the address, so that a reload or the back button keeps it. */
function rememberFilter(filter: Filter) {
  const url = new URL(window.location.href);
  if (filter === "all") url.searchParams.delete("statut");
  else url.searchParams.set("statut", filter);
  window.history.replaceState(window.history.state, "", url);
}

function InvoiceCard({ invoice }: { invoice: Invoice }) {
  const t = useTranslations("invoices");
  const tb = useTranslations("billing");
  const locale = useAppLocale();
  const late = isLate(invoice);
  const partly = invoice.status === "partially_paid";
  return (
    <Link
      href={`/factures/${invoice.id}`}
      className={cn(
        "flex flex-col gap-1.5 rounded-lg border bg-card p-4 hover:bg-accent/60",
        late && "border-red-300 bg-red-50/60 shadow-[inset_4px_0_0_var(--destructive)]",
      )}
    >
      <span className="flex items-start justify-between gap-2">
        <span className="font-semibold tabular-nums">{invoice.number ?? tb("draft")}</span>
        <InvoiceStatusBadge status={invoice.status} overdue={invoice.is_overdue} />
      </span>
      {invoice.title ? <span className="text-sm break-words">{invoice.title}</span> : null}
      {invoice.project_name ? <span className="text-xs text-muted-foreground">{invoice.project_name}</span> : null}
      <span className="mt-1 flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <span className="text-lg font-semibold tabular-nums">{formatMoney(invoice.total_ttc, invoice.currency, locale)}</span>
        {invoice.due_date && isUnpaid(invoice) ? (
          <span className={cn("text-xs", late ? "text-destructive" : "text-muted-foreground")}>
            {t("dueOn", { date: formatDate(invoice.due_date, locale) })}
          </span>
        ) : null}
      </span>
      {partly ? (
        <span className="text-sm font-medium">{t("balanceLine", { amount: formatMoney(invoice.balance_due, invoice.currency, locale) })}</span>
      ) : null}
      <DueStatus invoice={invoice} className="text-sm" />
    </Link>
  );
}

function InvoiceTable({ invoices }: { invoices: Invoice[] }) {
  const t = useTranslations("invoices");
  const tb = useTranslations("billing");
  const locale = useAppLocale();
  return (
    <div className="overflow-hidden rounded-lg border bg-card">
      <table className="w-full text-sm" data-testid="invoice-table">
        <thead className="bg-muted/60 text-left text-xs text-muted-foreground">
          <tr>
            <th scope="col" className="px-4 py-2.5 font-medium">{t("number")}</th>
            <th scope="col" className="px-4 py-2.5 font-medium">{t("subject")}</th>
            <th scope="col" className="px-4 py-2.5 font-medium">{t("dueDate")}</th>
            <th scope="col" className="px-4 py-2.5 text-right font-medium">{t("amount")}</th>
            <th scope="col" className="px-4 py-2.5 text-right font-medium">{t("balance")}</th>
            <th scope="col" className="px-4 py-2.5 font-medium">{t("statusLabel")}</th>
          </tr>
        </thead>
        <tbody className="divide-y">
          {invoices.map((invoice) => {
            const late = isLate(invoice);
            return (
              <tr key={invoice.id} className={cn("relative align-top hover:bg-accent/60", late && "bg-red-50/70")}>
                <td className={cn("px-4 py-3", late && "shadow-[inset_4px_0_0_var(--destructive)]")}>
                  {/* The whole row opens the invoice; the number is the link people read. */}
                  <Link
                    href={`/factures/${invoice.id}`}
                    className="font-semibold whitespace-nowrap text-primary tabular-nums after:absolute after:inset-0 hover:underline"
                  >
                    {invoice.number ?? tb("draft")}
                  </Link>
                </td>
                <td className="px-4 py-3">
                  <span className="block break-words">{invoice.title}</span>
                  {invoice.project_name ? <span className="block text-xs text-muted-foreground">{invoice.project_name}</span> : null}
                </td>
                <td className="px-4 py-3 whitespace-nowrap">
                  <span className={cn("block tabular-nums", late && "text-destructive")}>
                    {invoice.due_date ? formatDate(invoice.due_date, locale) : "—"}
                  </span>
                  <DueStatus invoice={invoice} className="block text-xs" />
                </td>
                <td className="px-4 py-3 text-right whitespace-nowrap tabular-nums">
                  {formatMoney(invoice.total_ttc, invoice.currency, locale)}
                </td>
                <td className="px-4 py-3 text-right font-medium whitespace-nowrap tabular-nums">
                  {isUnpaid(invoice) ? formatMoney(invoice.balance_due, invoice.currency, locale) : "—"}
                </td>
                <td className="px-4 py-3">
                  <InvoiceStatusBadge status={invoice.status} overdue={invoice.is_overdue} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function InvoicesClient({ initialFilter }: { initialFilter?: Filter }) {
  const t = useTranslations("invoices");
  const { clientId } = useClientScope();
  const [filter, setFilter] = useState<Filter>(initialFilter ?? "all");
  const invoices = useInvoices({ client: clientId, status: filter === "all" ? undefined : filter });

  const choose = (next: Filter) => {
    setFilter(next);
    rememberFilter(next);
  };

  return (
    <div>
      <PageHeader title={t("title")} description={t("intro")} />
      <FilterChips<Filter>
        label={t("filterLabel")}
        value={filter}
        onChange={choose}
        options={[{ value: "all", label: t("filters.all") }, ...INVOICE_FILTERS.map((f) => ({ value: f, label: t(`filters.${f}`) }))]}
      />
      <ListShell
        query={invoices}
        items={invoices.data?.results ?? []}
        skeleton={<SkeletonRows count={4} row="h-28 md:h-14" />}
        empty={{
          text: filter === "all" ? t("emptyAll") : t("empty"),
          action:
            filter === "all" ? undefined : (
              <Button variant="outline" onClick={() => choose("all")}>
                {t("showAll")}
              </Button>
            ),
        }}
      >
        {(rows) => (
          <div data-testid="invoice-list">
            <ul className="flex flex-col gap-2 md:hidden">
              {rows.map((invoice) => (
                <li key={invoice.id}>
                  <InvoiceCard invoice={invoice} />
                </li>
              ))}
            </ul>
            <div className="hidden md:block">
              <InvoiceTable invoices={rows} />
            </div>
          </div>
        )}
      </ListShell>
    </div>
  );
}
