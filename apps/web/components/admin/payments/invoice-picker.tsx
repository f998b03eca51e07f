"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Input, NativeSelect } from "@/components/ui/input";
import { api, unwrap } from "@/lib/api/client";
import type { Invoice } from "@/lib/api/types";
import { formatMoney } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { invoiceKeys } from "@/queries/invoices";

const PICKER_SIZE = 50;

/** Unpaid invoices (sent or partly paid), of one client or of all, narrowed by number or client name. */
function useUnpaidInvoices(client: string | undefined, search: string) {
  return useQuery({
    queryKey: [...invoiceKeys.lists(), "unpaid-picker", client ?? "", search] as const,
    queryFn: ({ signal }) =>
      unwrap(
        api.GET("/api/invoices/", {
          params: { query: { status: "unpaid", client, search: search || undefined, ordering: "-issue_date", page_size: PICKER_SIZE } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/**
 * An unpaid invoice, by number: a menu of the latest 50 (of `client` when given); past 50, a
 * field above it narrows the menu. Each says its client and what is left to pay.
 */
export function InvoicePicker({
  id,
  value,
  onChange,
  client,
  exclude,
  invalid,
  describedBy,
}: {
  id: string;
  value: Invoice | null;
  onChange: (invoice: Invoice | null) => void;
  /** Only this client's invoices. */
  client?: string;
  /** An invoice not to offer (the payment's own). */
  exclude?: string;
  invalid?: boolean;
  describedBy?: string;
}) {
  const t = useTranslations("admin.payments.invoicePicker");
  const locale = useAppLocale();
  const [search, setSearch] = useState("");
  const invoices = useUnpaidInvoices(client, search.trim());
  const rows = (invoices.data?.results ?? []).filter((invoice) => invoice.id !== exclude);
  const many = (invoices.data?.count ?? 0) > PICKER_SIZE || search !== "";
  const known = value && rows.some((invoice) => invoice.id === value.id);
  const label = (invoice: Invoice) =>
    t(client ? "optionOfClient" : "option", {
      number: invoice.number ?? "—",
      client: invoice.client_name,
      balance: formatMoney(invoice.balance_due, invoice.currency, locale),
    });
  const options = known || !value ? rows : [value, ...rows];
  return (
    <div className="flex flex-col gap-2">
      {many ? (
        <Input type="search" aria-label={t("search")} placeholder={t("searchPlaceholder")} value={search} onChange={(event) => setSearch(event.target.value.trimStart())} />
      ) : null}
      <NativeSelect
        id={id}
        value={value?.id ?? ""}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        aria-busy={invoices.isPending || undefined}
        onChange={(event) => onChange(options.find((invoice) => invoice.id === event.target.value) ?? null)}
      >
        <option value="">{invoices.isPending ? t("loading") : rows.length === 0 && !search ? t("none") : t("choose")}</option>
        {options.map((invoice) => (
          <option key={invoice.id} value={invoice.id}>
            {label(invoice)}
          </option>
        ))}
      </NativeSelect>
    </div>
  );
}
