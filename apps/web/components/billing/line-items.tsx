// No "use client": the public pay page (app/payer) draws the lines on the server; the portal's
// client pages use them as client components.

import { useTranslations } from "next-intl";
import { TitledCard } from "@/components/titled-card";
import type { LineItem, TaxShare } from "@/lib/api/types";
import { formatQuantity, formatRate, taxBreakdown } from "@/lib/billing";
import { formatMoney } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { cn } from "@/lib/utils";

/** Whether a line has its own discount (`"10.00"`). */
function hasDiscount(item: LineItem): boolean {
  return Number(item.discount) > 0;
}

/** The lines of a quote or an invoice: a table on wide screens, one block per line on phones. */
export function LineItems({ items, currency }: { items: LineItem[]; currency: string }) {
  const t = useTranslations("billing");
  const locale = useAppLocale();
  const money = (amount: number) => formatMoney(amount, currency, locale);
  const lines = [...items].sort((a, b) => a.position - b.position);

  if (lines.length === 0) return <p className="text-sm text-muted-foreground">{t("itemsEmpty")}</p>;

  return (
    <>
      <ul className="flex flex-col divide-y md:hidden" data-testid="line-items-stacked">
        {lines.map((item) => (
          <li key={item.id} className="flex flex-col gap-1 py-3 first:pt-0">
            <span className="flex items-start justify-between gap-3">
              <span className="min-w-0 font-medium break-words">{item.label}</span>
              <span className="shrink-0 font-semibold tabular-nums">{money(item.total_ht)}</span>
            </span>
            {item.description ? (
              <span className="text-sm whitespace-pre-line text-muted-foreground">{item.description}</span>
            ) : null}
            <span className="text-xs text-muted-foreground tabular-nums">
              {formatQuantity(item.quantity, locale)} × {money(item.unit_price)} · {t("taxRate")} {formatRate(item.tax_rate, locale)}
              {hasDiscount(item) ? <> · {t("lineDiscount", { rate: formatRate(item.discount, locale) })}</> : null}
            </span>
          </li>
        ))}
      </ul>
      <div className="hidden md:block">
        <table className="w-full text-sm" data-testid="line-items-table">
          <thead>
            <tr className="border-b text-left text-xs text-muted-foreground">
              <th scope="col" className="py-2 pr-3 font-medium">
                {t("label")}
              </th>
              <th scope="col" className="px-3 py-2 text-right font-medium">
                <abbr title={t("quantityLong")} className="no-underline">
                  {t("quantity")}
                </abbr>
              </th>
              <th scope="col" className="px-3 py-2 text-right font-medium">
                {t("unitPrice")}
              </th>
              <th scope="col" className="px-3 py-2 text-right font-medium">
                {t("taxRate")}
              </th>
              <th scope="col" className="py-2 pl-3 text-right font-medium">
                {t("lineTotal")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y">
            {lines.map((item) => (
              <tr key={item.id} className="align-top">
                <td className="py-3 pr-3">
                  <span className="block font-medium break-words">{item.label}</span>
                  {item.description ? (
                    <span className="mt-0.5 block whitespace-pre-line text-muted-foreground">{item.description}</span>
                  ) : null}
                  {hasDiscount(item) ? (
                    <span className="mt-0.5 block text-xs text-muted-foreground tabular-nums">{t("lineDiscount", { rate: formatRate(item.discount, locale) })}</span>
                  ) : null}
                </td>
                <td className="px-3 py-3 text-right tabular-nums">{formatQuantity(item.quantity, locale)}</td>
                <td className="px-3 py-3 text-right whitespace-nowrap tabular-nums">{money(item.unit_price)}</td>
                <td className="px-3 py-3 text-right whitespace-nowrap tabular-nums">{formatRate(item.tax_rate, locale)}</td>
                <td className="py-3 pl-3 text-right font-medium whitespace-nowrap tabular-nums">{money(item.total_ht)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export type Totals = {
  total_ht: number;
  total_tva: number;
  total_ttc: number;
  items: LineItem[];
  currency: string;
  /** The lines' HT before the document's discount, and what that discount took off. */
  subtotal_ht?: number;
  discount?: string;
  discount_total?: number;
  /** The server's VAT by rate; without it, the lines' VAT is summed by rate. */
  tax_breakdown?: TaxShare[];
};

/** VAT by rate, highest first: the server's when it gives it. */
function ratesOf(totals: Totals) {
  if (!totals.tax_breakdown) return taxBreakdown(totals.items);
  return totals.tax_breakdown.map((rate) => ({ rate: rate.rate, base: rate.base, tax: rate.tva })).sort((a, b) => Number(b.rate) - Number(a.rate));
}

/** HT (after a discount), the VAT of each rate on its base, TTC; then credit notes, what was paid and what is left. */
export function TotalsBlock({
  totals,
  amountPaid,
  balanceDue,
  creditedAmount,
  className,
}: {
  totals: Totals;
  amountPaid?: number;
  balanceDue?: number;
  /** What credit notes took off the invoice. */
  creditedAmount?: number;
  className?: string;
}) {
  const t = useTranslations("billing");
  const locale = useAppLocale();
  const money = (amount: number) => formatMoney(amount, totals.currency, locale);
  const rates = ratesOf(totals);
  const row = "flex items-baseline justify-between gap-4 py-1.5";
  const discounted = (totals.discount_total ?? 0) > 0;
  const credited = (creditedAmount ?? 0) > 0;

  return (
    <dl className={cn("flex flex-col text-sm sm:ml-auto sm:w-80", className)} data-testid="totals">
      {discounted ? (
        <>
          <div className={row}>
            <dt>{t("subtotalHt")}</dt>
            <dd className="tabular-nums">{money(totals.subtotal_ht ?? totals.total_ht + (totals.discount_total ?? 0))}</dd>
          </div>
          <div className={cn(row, "text-muted-foreground")}>
            <dt>{totals.discount && Number(totals.discount) > 0 ? t("discountRate", { rate: formatRate(totals.discount, locale) }) : t("discount")}</dt>
            <dd className="tabular-nums">− {money(totals.discount_total ?? 0)}</dd>
          </div>
        </>
      ) : null}
      <div className={row}>
        <dt>{t("totalHt")}</dt>
        <dd className="tabular-nums">{money(totals.total_ht)}</dd>
      </div>
      {rates.map((rate) => (
        <div key={rate.rate} className={cn(row, "text-muted-foreground")}>
          <dt>
            {t("tva", { rate: formatRate(rate.rate, locale) })}{" "}
            <span className="text-xs">({t("tvaOn", { base: money(rate.base) })})</span>
          </dt>
          <dd className="tabular-nums">{money(rate.tax)}</dd>
        </div>
      ))}
      {rates.length > 1 ? (
        <div className={row}>
          <dt>{t("totalTva")}</dt>
          <dd className="tabular-nums">{money(totals.total_tva)}</dd>
        </div>
      ) : null}
      <div className={cn(row, "mt-1 border-t pt-2.5 text-base font-semibold")}>
        <dt>{t("totalTtc")}</dt>
        <dd className="tabular-nums">{money(totals.total_ttc)}</dd>
      </div>
      {credited ? (
        <div className={cn(row, "text-muted-foreground")}>
          <dt>{t("credited")}</dt>
          <dd className="tabular-nums">− {money(creditedAmount ?? 0)}</dd>
        </div>
      ) : null}
      {amountPaid !== undefined && amountPaid > 0 ? (
        <div className={cn(row, "text-muted-foreground")}>
          <dt>{t("amountPaid")}</dt>
          <dd className="tabular-nums">− {money(amountPaid)}</dd>
        </div>
      ) : null}
      {balanceDue !== undefined && amountPaid !== undefined && (amountPaid > 0 || credited) ? (
        <div className={cn(row, "text-base font-semibold")}>
          <dt>{t("balanceDue")}</dt>
          <dd className="tabular-nums">{money(balanceDue)}</dd>
        </div>
      ) : null}
    </dl>
  );
}

/** The body of a quote or an invoice page: its lines with their totals, then its notes when it has some. */
export function ItemsAndNotes({
  document,
  amountPaid,
  balanceDue,
  creditedAmount,
}: {
  document: Totals & { notes?: string | null; payment_terms?: string | null };
  amountPaid?: number;
  balanceDue?: number;
  creditedAmount?: number;
}) {
  const t = useTranslations("billing");
  return (
    <>
      <TitledCard titleId="items-title" title={t("items")} contentClassName="flex flex-col gap-4">
        <LineItems items={document.items} currency={document.currency} />
        <TotalsBlock totals={document} amountPaid={amountPaid} balanceDue={balanceDue} creditedAmount={creditedAmount} className="border-t pt-3" />
      </TitledCard>

      {document.payment_terms ? (
        <TitledCard titleId="terms-title" title={t("paymentTerms")}>
          <p className="text-sm whitespace-pre-line" data-testid="payment-terms">
            {document.payment_terms}
          </p>
        </TitledCard>
      ) : null}

      {document.notes ? (
        <TitledCard titleId="notes-title" title={t("notes")}>
          <p className="text-sm whitespace-pre-line">{document.notes}</p>
        </TitledCard>
      ) : null}
    </>
  );
}
