"use client";

import { useTranslations } from "next-intl";
import { InvoiceStatusBadge } from "@/components/badges";
import {
  BillingCard,
  BillingList,
  BillingTable,
  NumberAndSubjectCells,
  StatusFilterChips,
  useStatusFilter,
} from "@/components/billing/billing-list";
import { DueStatus, isLate, isUnpaid } from "@/components/billing/due-status";
import { StatementLink } from "@/components/billing/statement-link";
import { useClientScope } from "@/components/client-scope";
import { ListShell, SkeletonRows } from "@/components/list-shell";
import { PageHeader } from "@/components/states";
import { Button } from "@/components/ui/button";
import { INVOICE_FILTERS, type Invoice } from "@/lib/api/types";
import { formatDate, formatMoney } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { cn } from "@/lib/utils";
import { useInvoices } from "@/queries/invoices";

type Filter = (typeof INVOICE_FILTERS)[number];

function InvoiceCard({ invoice }: { invoice: Invoice }) {
  const t = useTranslations("invoices");
  const locale = useAppLocale();
  const late = isLate(invoice);
  return (
    <BillingCard
      href={`/factures/${invoice.id}`}
      row={invoice}
      badge={<InvoiceStatusBadge status={invoice.status} overdue={invoice.is_overdue} />}
      aside={
        invoice.due_date && isUnpaid(invoice) ? (
          <span className={cn("text-xs", late ? "text-destructive" : "text-muted-foreground")}>
            {t("dueOn", { date: formatDate(invoice.due_date, locale) })}
          </span>
        ) : null
      }
      className={cn(late && "border-red-300 bg-red-50/60 shadow-[inset_4px_0_0_var(--destructive)]")}
    >
      {invoice.status === "partially_paid" ? (
        <span className="text-sm font-medium">{t("balanceLine", { amount: formatMoney(invoice.balance_due, invoice.currency, locale) })}</span>
      ) : null}
      <DueStatus invoice={invoice} className="text-sm" />
    </BillingCard>
  );
}

function InvoiceTable({ invoices }: { invoices: Invoice[] }) {
  const t = useTranslations("invoices");
  const locale = useAppLocale();
  return (
    <BillingTable
      testId="invoice-table"
      columns={[
        { label: t("number") },
        { label: t("subject") },
        { label: t("dueDate") },
        { label: t("amount"), numeric: true },
        { label: t("balance"), numeric: true },
        { label: t("statusLabel") },
      ]}
    >
      {invoices.map((invoice) => {
        const late = isLate(invoice);
        return (
          <tr key={invoice.id} className={cn("relative align-top hover:bg-accent/60", late && "bg-red-50/70")}>
            <NumberAndSubjectCells
              href={`/factures/${invoice.id}`}
              row={invoice}
              className={cn(late && "shadow-[inset_4px_0_0_var(--destructive)]")}
            />
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
    </BillingTable>
  );
}

export function InvoicesClient({ initialFilter }: { initialFilter?: Filter }) {
  const t = useTranslations("invoices");
  const { clientId } = useClientScope();
  const [filter, choose] = useStatusFilter(initialFilter);
  const invoices = useInvoices({ client: clientId, status: filter === "all" ? undefined : filter });

  return (
    <div>
      <PageHeader title={t("title")} description={t("intro")} actions={<StatementLink />} />
      <StatusFilterChips
        label={t("filterLabel")}
        filters={INVOICE_FILTERS}
        labelOf={(f) => t(`filters.${f}`)}
        value={filter}
        onChange={choose}
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
          <BillingList
            testId="invoice-list"
            rows={rows}
            card={(invoice) => <InvoiceCard invoice={invoice} />}
            table={<InvoiceTable invoices={rows} />}
          />
        )}
      </ListShell>
    </div>
  );
}
