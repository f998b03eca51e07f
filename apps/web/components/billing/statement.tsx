"use client";

import { Download } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FilterChips } from "@/components/billing/filter-chips";
import { SkeletonRows } from "@/components/list-shell";
import { EmptyState, ErrorState, LoadingState } from "@/components/states";
import { Button, buttonVariants } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { Statement, StatementLine } from "@/lib/api/types";
import { formatDate, formatMoney } from "@/lib/format";
import {
  STATEMENT_PRESETS,
  customPeriod,
  presetPeriod,
  rangeProblem,
  statementPdfHref,
  type RangeProblem,
  type StatementPeriod,
} from "@/lib/statement-period";
import { useAppLocale } from "@/lib/use-app-locale";
import { cn } from "@/lib/utils";
import { useStatement } from "@/queries/statement";

type Choice = StatementPeriod["preset"];

/**
 * « Ce mois-ci », « Trimestre », « Cette année », « Année dernière », or « Autres dates » with
 * two days of one's own, shown with « Afficher » (a phone's date picker would otherwise reload
 * the statement at each step).
 */
export function StatementPeriodPicker({ period, onChange }: { period: StatementPeriod; onChange: (period: StatementPeriod) => void }) {
  const t = useTranslations("statement");
  const [custom, setCustom] = useState(period.preset === "custom");
  const [from, setFrom] = useState(period.from);
  const [to, setTo] = useState(period.to);
  const [problem, setProblem] = useState<RangeProblem | null>(null);
  const choice: Choice = custom ? "custom" : period.preset;
  const choose = (next: Choice) => {
    if (next === "custom") {
      setFrom(period.from);
      setTo(period.to);
      setProblem(null);
      setCustom(true);
      return;
    }
    setCustom(false);
    onChange(presetPeriod(next, new Date()));
  };
  return (
    <div className="flex flex-col gap-2">
      <FilterChips<Choice>
        label={t("periodLabel")}
        value={choice}
        onChange={choose}
        options={[...STATEMENT_PRESETS, "custom" as const].map((value) => ({ value, label: t(`presets.${value}`) }))}
      />
      {custom ? (
        <form
          className="-mt-2 mb-2 flex flex-wrap items-end gap-3 rounded-lg border bg-card p-3"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const found = rangeProblem(from, to);
            setProblem(found);
            if (!found) onChange(customPeriod(from, to));
          }}
        >
          {(
            [
              ["statement-from", "from", from, setFrom],
              ["statement-to", "to", to, setTo],
            ] as const
          ).map(([id, label, value, set]) => (
            <div key={id} className="flex min-w-36 flex-1 flex-col gap-1.5 sm:flex-none">
              <Label htmlFor={id} className="text-xs text-muted-foreground">
                {t(label)}
              </Label>
              <Input
                id={id}
                type="date"
                value={value}
                aria-invalid={problem ? true : undefined}
                aria-describedby={problem ? "statement-range-error" : undefined}
                onChange={(event) => set(event.target.value)}
              />
            </div>
          ))}
          <Button type="submit" variant="outline" className="w-full sm:w-auto">
            {t("show")}
          </Button>
          {problem ? (
            <p id="statement-range-error" role="alert" className="basis-full text-sm text-destructive">
              {t(`rangeErrors.${problem}`)}
            </p>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}

function useMoney(currency: string) {
  const locale = useAppLocale();
  return (amount: number) => formatMoney(amount, currency, locale);
}

/** Desktop: one row per line, debit and credit in their own columns, the balance after it. */
function LinesTable({ statement }: { statement: Statement }) {
  const t = useTranslations("statement");
  const locale = useAppLocale();
  const money = useMoney(statement.currency);
  const from = formatDate(statement.from, locale);
  const to = formatDate(statement.to, locale);
  return (
    <div className="hidden overflow-x-auto rounded-lg border bg-card md:block">
      <table className="w-full text-sm" data-testid="statement-table">
        <caption className="sr-only">{t("linesLabel", { from, to })}</caption>
        <thead className="bg-muted/60 text-left text-xs text-muted-foreground">
          <tr>
            <th scope="col" className="px-4 py-2.5 font-medium">{t("columns.date")}</th>
            <th scope="col" className="px-4 py-2.5 font-medium">{t("columns.kind")}</th>
            <th scope="col" className="px-4 py-2.5 font-medium">{t("columns.reference")}</th>
            <th scope="col" className="px-4 py-2.5 text-right font-medium">{t("columns.debit")}</th>
            <th scope="col" className="px-4 py-2.5 text-right font-medium">{t("columns.credit")}</th>
            <th scope="col" className="px-4 py-2.5 text-right font-medium">{t("columns.balance")}</th>
          </tr>
        </thead>
        <tbody className="divide-y">
          <tr className="bg-muted/20 text-muted-foreground">
            <td className="px-4 py-2.5 whitespace-nowrap tabular-nums">{from}</td>
            <td className="px-4 py-2.5" colSpan={4}>
              {t("opening")}
            </td>
            <td className="px-4 py-2.5 text-right font-medium whitespace-nowrap text-foreground tabular-nums">{money(statement.opening_balance)}</td>
          </tr>
          {statement.lines.map((line, index) => (
            <tr key={`${line.reference}-${index}`} data-testid="statement-line">
              <td className="px-4 py-2.5 whitespace-nowrap tabular-nums">{formatDate(line.date, locale)}</td>
              <td className="px-4 py-2.5">{t(`kinds.${line.kind}`)}</td>
              <td className="px-4 py-2.5 whitespace-nowrap tabular-nums">{line.reference}</td>
              <td className="px-4 py-2.5 text-right whitespace-nowrap tabular-nums">{line.debit ? money(line.debit) : ""}</td>
              <td className="px-4 py-2.5 text-right whitespace-nowrap tabular-nums">{line.credit ? money(line.credit) : ""}</td>
              <td className="px-4 py-2.5 text-right font-medium whitespace-nowrap tabular-nums">{money(line.balance)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot className="border-t-2 font-semibold">
          <tr>
            <th scope="row" colSpan={3} className="px-4 py-2.5 text-left">
              {t("totals")}
            </th>
            <td className="px-4 py-2.5 text-right whitespace-nowrap tabular-nums" data-testid="total-debit">
              {money(statement.total_debit)}
            </td>
            <td className="px-4 py-2.5 text-right whitespace-nowrap tabular-nums" data-testid="total-credit">
              {money(statement.total_credit)}
            </td>
            <td className="px-4 py-2.5 text-right whitespace-nowrap tabular-nums">{money(statement.closing_balance)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** Phones: one card per line, its amount and the balance after it. */
function LineCard({ line, currency }: { line: StatementLine; currency: string }) {
  const t = useTranslations("statement");
  const locale = useAppLocale();
  const money = useMoney(currency);
  const debit = line.debit > 0;
  return (
    <li className="flex flex-col gap-1 rounded-lg border bg-card p-3" data-testid="statement-card">
      <span className="flex items-baseline justify-between gap-3">
        <span className="font-medium">{t(`kinds.${line.kind}`)}</span>
        <span className={cn("font-semibold whitespace-nowrap tabular-nums", !debit && "text-success")}>
          <span className="sr-only">{t(debit ? "columns.debit" : "columns.credit")} </span>
          {debit ? "+" : "−"}&nbsp;{money(debit ? line.debit : line.credit)}
        </span>
      </span>
      <span className="flex flex-wrap items-baseline justify-between gap-x-3 text-sm text-muted-foreground">
        <span className="tabular-nums">
          {line.reference} · {formatDate(line.date, locale)}
        </span>
        <span className="tabular-nums">{t("balanceAfter", { amount: money(line.balance) })}</span>
      </span>
    </li>
  );
}

/** A balance with its label and its day: the opening one small, the closing one in large type. */
function Balance({ label, day, amount, currency, large }: { label: string; day: string; amount: number; currency: string; large?: boolean }) {
  const t = useTranslations("statement");
  const locale = useAppLocale();
  const money = useMoney(currency);
  return (
    <div className={cn("flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1", large ? "rounded-lg border-2 border-primary/30 bg-primary/5 p-4" : "px-1")}>
      <dt className={cn(large ? "text-base font-semibold" : "text-sm text-muted-foreground")}>
        {label} <span className="font-normal whitespace-nowrap text-muted-foreground">{t("on", { date: formatDate(day, locale) })}</span>
      </dt>
      <dd className={cn("tabular-nums", large ? "text-3xl font-bold tracking-tight" : "font-semibold")} data-testid={large ? "closing-balance" : "opening-balance"}>
        {money(amount)}
      </dd>
    </div>
  );
}

function StatementBody({ statement, audience }: { statement: Statement; audience: "client" | "staff" }) {
  const t = useTranslations("statement");
  const locale = useAppLocale();
  const money = useMoney(statement.currency);
  const from = formatDate(statement.from, locale);
  const to = formatDate(statement.to, locale);
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-center sm:justify-between">
        <p className="font-medium" data-testid="statement-period">
          {t("period", { from, to })}
        </p>
        <a
          href={statementPdfHref(statement.pdf_url, locale)}
          target="_blank"
          rel="noopener"
          aria-label={t("pdfLabel", { from, to })}
          className={cn(buttonVariants({ variant: "outline" }), "w-full sm:w-auto")}
          data-testid="statement-pdf"
        >
          <Download aria-hidden="true" />
          {t("pdf")}
        </a>
      </div>
      {/* From `md` up, the table's first row says it (when there is a table). */}
      <dl className={cn(statement.lines.length > 0 && "md:hidden")}>
        <Balance label={t("opening")} day={statement.from} amount={statement.opening_balance} currency={statement.currency} />
      </dl>
      {statement.lines.length === 0 ? (
        <EmptyState text={t("empty")} />
      ) : (
        <>
          <ul className="flex flex-col gap-2 md:hidden" aria-label={t("linesLabel", { from, to })}>
            {statement.lines.map((line, index) => (
              <LineCard key={`${line.reference}-${index}`} line={line} currency={statement.currency} />
            ))}
          </ul>
          <LinesTable statement={statement} />
          <dl className="grid grid-cols-2 gap-3 px-1 text-sm md:hidden">
            <div className="flex flex-col">
              <dt className="text-muted-foreground">{t("totalDebit")}</dt>
              <dd className="font-semibold tabular-nums">{money(statement.total_debit)}</dd>
            </div>
            <div className="flex flex-col">
              <dt className="text-muted-foreground">{t("totalCredit")}</dt>
              <dd className="font-semibold tabular-nums">{money(statement.total_credit)}</dd>
            </div>
          </dl>
        </>
      )}
      <dl>
        <Balance label={t("closing")} day={statement.to} amount={statement.closing_balance} currency={statement.currency} large />
      </dl>
      <p className="text-sm text-muted-foreground">{t(audience === "client" ? "sign" : "signStaff")}</p>
    </div>
  );
}

/**
 * A client's statement of account over a period, with its period picker: the portal's
 * « Relevé de compte » page and the back-office's client page both show it (`audience` only
 * changes who « vous » is).
 */
export function StatementView({
  clientId,
  period,
  onPeriodChange,
  audience = "client",
}: {
  clientId: string;
  period: StatementPeriod;
  onPeriodChange: (period: StatementPeriod) => void;
  audience?: "client" | "staff";
}) {
  const statement = useStatement(clientId, period);
  return (
    <div className="flex min-w-0 flex-col gap-2" data-testid="statement">
      <StatementPeriodPicker period={period} onChange={onPeriodChange} />
      {statement.isPending ? (
        <LoadingState skeleton={<SkeletonRows count={5} row="h-12" />} />
      ) : statement.isError && !statement.data ? (
        <ErrorState error={statement.error} onRetry={() => statement.refetch()} />
      ) : statement.data ? (
        <div className={cn(statement.isPlaceholderData && "opacity-60 transition-opacity")} aria-busy={statement.isPlaceholderData}>
          <StatementBody statement={statement.data} audience={audience} />
        </div>
      ) : null}
    </div>
  );
}
