"use client";

import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { ArrowRight, RefreshCw } from "lucide-react";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { Fact } from "@/components/billing/header";
import { NotFoundState, StaffRecord } from "@/components/admin/billing/record";
import { ConsoleStatusBadge } from "@/components/admin/payments/labels";
import { DataTable, Pagination, type Column } from "@/components/admin/table/data-table";
import { ListShell, SkeletonRows } from "@/components/list-shell";
import { BackLink } from "@/components/states";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { formatDate, formatDateTime, formatMoney } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { cn } from "@/lib/utils";
import { Difference, VerdictBadge, useOperatorName } from "./labels";
import {
  LINE_FILTERS,
  LINES_PAGE_SIZE,
  differenceCauses,
  filterCount,
  linesSearch,
  nextStep,
  pageCount,
  readLinesState,
  statementInstant,
  type LineFilter,
  type LinesState,
  type Reconciliation,
  type ReconciliationLine,
} from "./lines-state";
import { useImport, useImportLines } from "./queries";

const RECONCILIATION_PATH = "/admin/paiements/rapprochement";
const PAYMENTS_PATH = "/admin/paiements";
const INVOICES_PATH = "/admin/facturation/factures";
/** The statement's dates are Abidjan's (UTC): shown as written, wherever staff are. */
const ABIDJAN = "Africa/Abidjan";

/** The filter and page from the address, and a way to change them. */
function useLinesState() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const state = useMemo(() => readLinesState(params), [params]);
  const hrefOf = (next: LinesState) => {
    const search = linesSearch(next);
    return search ? `${pathname}?${search}` : pathname;
  };
  const go = (next: LinesState) => router.push(hrefOf(next), { scroll: false });
  return { state, go, hrefOf };
}

function Summary({ item }: { item: Reconciliation }) {
  const t = useTranslations("admin.reconciliation.detail");
  const locale = useAppLocale();
  const money = (amount: number) => formatMoney(amount, "XOF", locale);
  const gap = money(Math.abs(item.difference));
  const tv = useTranslations("admin.reconciliation.verdict");
  const causes = differenceCauses(item.counts, item.difference);
  return (
    <Card aria-labelledby="summary-title" data-testid="reconciliation-summary">
      <CardContent className="flex flex-col gap-3 pt-4">
        <h2 id="summary-title" className="sr-only">
          {t("summary")}
        </h2>
        <dl className="grid grid-cols-2 gap-x-4 gap-y-3 lg:grid-cols-4">
          <Fact label={t("statementTotal")}>
            <span className="text-lg font-semibold" data-testid="statement-total">
              {money(item.statement_total)}
            </span>
          </Fact>
          <Fact label={t("nourxTotal")}>
            <span className="text-lg font-semibold" data-testid="nourx-total">
              {money(item.nourx_total)}
            </span>
          </Fact>
          <Fact label={t("difference")}>
            <Difference amount={item.difference} className="text-lg" />
          </Fact>
          <Fact label={t("fees")}>{item.statement_fees > 0 ? money(item.statement_fees) : <span className="font-normal text-muted-foreground">{t("noFees")}</span>}</Fact>
        </dl>
        {item.difference === 0 ? (
          <p className="text-sm text-muted-foreground">{t("agree")}</p>
        ) : (
          <Alert tone="warning" data-testid="difference-note">
            {item.difference > 0 ? t("differenceMore", { amount: gap }) : t("differenceLess", { amount: gap })}{" "}
            {causes.length
              ? t("causes", { list: causes.map((verdict) => `${tv(verdict)} (${item.counts[verdict]})`).join(", ") })
              : t("noCause")}
          </Alert>
        )}
      </CardContent>
    </Card>
  );
}

/** "Problèmes (3)", "Tous (15)", then each verdict: links, so the filter lives in the address. */
function FilterChips({ item, state, hrefOf }: { item: Reconciliation; state: LinesState; hrefOf: (next: LinesState) => string }) {
  const t = useTranslations("admin.reconciliation");
  const label = (filter: LineFilter) => (filter === "problems" || filter === "all" ? t(`filters.${filter}`) : t(`verdict.${filter}`));
  return (
    <nav aria-label={t("filters.label")}>
      <ul className="flex flex-wrap gap-2">
        {LINE_FILTERS.map((filter) => {
          const current = state.verdict === filter;
          const count = filterCount(item.counts, filter);
          return (
            <li key={filter}>
              <Link
                href={hrefOf({ verdict: filter, page: 1 })}
                scroll={false}
                aria-current={current ? "page" : undefined}
                data-testid={`filter-${filter}`}
                className={cn(
                  "inline-flex min-h-11 items-center gap-1.5 rounded-full border px-3 text-sm font-medium md:min-h-9",
                  current ? "border-primary bg-secondary text-secondary-foreground" : "bg-card hover:bg-accent",
                  !current && count === 0 && "text-muted-foreground",
                )}
              >
                {t("filters.chip", { label: label(filter), count })}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** The transaction's id: whole on one line in the table, broken anywhere on a phone's card. */
function Transaction({ line, nowrap = false }: { line: ReconciliationLine; nowrap?: boolean }) {
  return <code className={cn("font-mono text-xs", nowrap ? "whitespace-nowrap" : "break-all")}>{line.transaction_id || "—"}</code>;
}

/** What CinetPay's statement says: amount, status as written, operator, date, the file's line. */
function StatementSide({ line }: { line: ReconciliationLine }) {
  const t = useTranslations("admin.reconciliation.detail");
  const locale = useAppLocale();
  const operatorName = useOperatorName();
  const side = line.statement;
  if (!side) return <span className="text-muted-foreground">{t("notOnStatement")}</span>;
  return (
    <span className="flex flex-col gap-0.5">
      <span className="font-medium tabular-nums">{formatMoney(side.amount, side.currency || "XOF", locale)}</span>
      <span className="break-words">{[side.status, side.method ? operatorName(side.method) : null].filter(Boolean).join(" · ")}</span>
      <span className="text-xs text-muted-foreground tabular-nums">
        {[side.date ? formatDateTime(statementInstant(side.date), locale, ABIDJAN) : null, t("line", { line: side.file_line })].filter(Boolean).join(" · ")}
      </span>
    </span>
  );
}

/** What NOURX holds now: amount, status, client, invoice, and the payment's page. */
function NourxSide({ line }: { line: ReconciliationLine }) {
  const t = useTranslations("admin.reconciliation.detail");
  const locale = useAppLocale();
  const payment = line.payment;
  if (!payment) return <span className="text-muted-foreground">{t("unknownToNourx")}</span>;
  return (
    <span className="flex flex-col items-start gap-1">
      <span className="flex flex-wrap items-center gap-2">
        <Link
          href={`${PAYMENTS_PATH}/${payment.id}`}
          className="font-medium text-primary tabular-nums hover:underline"
          aria-label={`${formatMoney(payment.amount, payment.currency, locale)} — ${t("openPaymentOf", { transaction: line.transaction_id })}`}
        >
          {formatMoney(payment.amount, payment.currency, locale)}
        </Link>
        <ConsoleStatusBadge status={payment.status} />
      </span>
      <Link href={`/admin/clients/${payment.client_id}`} className="break-words text-primary hover:underline">
        {payment.client_name}
      </Link>
      <Link href={`${INVOICES_PATH}/${payment.invoice_id}`} className="text-primary tabular-nums hover:underline">
        {t("invoice", { number: payment.invoice_number ?? "—" })}
      </Link>
      {payment.settled_at ? <span className="text-xs text-muted-foreground tabular-nums">{formatDateTime(payment.settled_at, locale)}</span> : null}
    </span>
  );
}

/** What to do about a problem line, with the way to do it (the payment's page, where "Vérifier maintenant" is). */
function NextStepCell({ line }: { line: ReconciliationLine }) {
  const t = useTranslations("admin.reconciliation.nextStep");
  const step = nextStep(line);
  if (!step) return <span className="text-muted-foreground">—</span>;
  const payment = line.payment;
  const action = step === "recheck" ? t("recheckAction") : step === "resolve" ? t("resolveAction") : t("openAction");
  return (
    <span className="flex flex-col items-start gap-2" data-testid="next-step">
      <span className="text-sm break-words">{t(step)}</span>
      {payment ? (
        <Button asChild size="sm" variant={step === "recheck" || step === "resolve" ? "default" : "outline"}>
          <Link href={`${PAYMENTS_PATH}/${payment.id}`}>
            {step === "recheck" ? <RefreshCw aria-hidden="true" /> : <ArrowRight aria-hidden="true" />}
            {action}
          </Link>
        </Button>
      ) : null}
    </span>
  );
}

function LineCard({ line }: { line: ReconciliationLine }) {
  const t = useTranslations("admin.reconciliation.detail");
  return (
    <div className="flex flex-col gap-3 rounded-lg border bg-card p-3 text-sm" data-testid="line-card">
      <span className="flex flex-wrap items-start justify-between gap-2">
        <VerdictBadge verdict={line.verdict} />
        <Transaction line={line} />
      </span>
      <dl className="grid grid-cols-1 gap-3 min-[400px]:grid-cols-2">
        <div className="flex min-w-0 flex-col gap-0.5">
          <dt className="text-xs text-muted-foreground">{t("statement")}</dt>
          <dd>
            <StatementSide line={line} />
          </dd>
        </div>
        <div className="flex min-w-0 flex-col gap-0.5">
          <dt className="text-xs text-muted-foreground">{t("nourx")}</dt>
          <dd>
            <NourxSide line={line} />
          </dd>
        </div>
      </dl>
      {line.verdict !== "matched" ? (
        <div className="border-t pt-2">
          <NextStepCell line={line} />
        </div>
      ) : null}
    </div>
  );
}

function Lines({ item }: { item: Reconciliation }) {
  const t = useTranslations("admin.reconciliation");
  const { state, go, hrefOf } = useLinesState();
  const query = useImportLines(item.id, state);
  const rows = query.data?.results ?? [];
  const count = query.data?.count ?? 0;
  const pages = pageCount(count, LINES_PAGE_SIZE);
  const verdictName = (filter: LineFilter) => (filter === "problems" || filter === "all" ? t(`filters.${filter}`) : t(`verdict.${filter}`));

  const columns: Column<ReconciliationLine>[] = [
    {
      key: "transaction",
      header: t("detail.columns.transaction"),
      cell: (line) => (
        <span className="flex flex-col items-start gap-1.5">
          <VerdictBadge verdict={line.verdict} />
          <Transaction line={line} nowrap />
        </span>
      ),
    },
    { key: "statement", header: t("detail.columns.statement"), cell: (line) => <StatementSide line={line} />, className: "min-w-40" },
    { key: "nourx", header: t("detail.columns.nourx"), cell: (line) => <NourxSide line={line} />, className: "min-w-40" },
    { key: "next", header: t("detail.columns.next"), cell: (line) => <NextStepCell line={line} />, className: "min-w-48 max-w-72" },
  ];

  const empty =
    state.verdict === "problems"
      ? { text: t("detail.emptyProblems") }
      : {
          text: t("detail.emptyFilter", { verdict: verdictName(state.verdict) }),
          action: (
            <Button asChild variant="outline">
              <Link href={hrefOf({ verdict: "all", page: 1 })} scroll={false}>
                {t("detail.showAll")}
              </Link>
            </Button>
          ),
        };

  return (
    <section aria-labelledby="lines-title" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="lines-title" className="text-lg font-semibold">
          {t("detail.lines")}
        </h2>
        {query.data ? <p className="text-sm text-muted-foreground">{t("detail.linesCount", { count })}</p> : null}
      </div>
      <FilterChips item={item} state={state} hrefOf={hrefOf} />
      <ListShell query={query} items={rows} skeleton={<SkeletonRows count={5} row="h-16" />} empty={empty}>
        {(lines) => (
          <div className={cn(query.isPlaceholderData && "opacity-60 transition-opacity")} aria-busy={query.isPlaceholderData}>
            <DataTable label={t("detail.lines")} testId="line-table" rows={lines} rowKey={(line) => String(line.position)} columns={columns} card={(line) => <LineCard line={line} />} />
            <Pagination
              page={state.page}
              pages={pages}
              onPage={(page) => go({ ...state, page })}
              labels={{ previous: t("detail.previous"), next: t("detail.next"), nav: t("detail.pagination"), position: t("detail.pageOf", { page: state.page, pages }) }}
            />
          </div>
        )}
      </ListShell>
    </section>
  );
}

function ImportPage({ item }: { item: Reconciliation }) {
  const t = useTranslations("admin.reconciliation");
  const locale = useAppLocale();
  const date = formatDateTime(item.created_at, locale);
  return (
    <>
      <div className="flex min-w-0 flex-col gap-1">
        <h1 className="text-2xl font-semibold tracking-tight break-words">{t("detail.title", { name: item.file_name })}</h1>
        <p className="text-sm text-muted-foreground" data-testid="import-period">
          {t("detail.subtitle", {
            from: formatDate(item.period_from, locale),
            to: formatDate(item.period_to, locale),
            lines: t("imports.lines", { count: item.statement_lines }),
          })}
        </p>
        <p className="text-sm text-muted-foreground">{item.imported_by_name ? t("detail.importedBy", { name: item.imported_by_name, date }) : t("detail.importedOn", { date })}</p>
      </div>
      <Summary item={item} />
      <Lines item={item} />
    </>
  );
}

/** `/admin/paiements/rapprochement/{id}`: an import's totals, and its lines by verdict (problems first). */
export function ImportDetail({ id }: { id: string }) {
  const t = useTranslations("admin.reconciliation.detail");
  const query = useImport(id);
  return (
    <div className="flex flex-col gap-4">
      <BackLink href={RECONCILIATION_PATH} label={t("back")} />
      <StaffRecord
        query={query}
        notFound={<NotFoundState title={t("notFoundTitle")} text={t("notFoundText")} action={{ href: RECONCILIATION_PATH, label: t("back") }} />}
      >
        {(data) => <ImportPage item={data} />}
      </StaffRecord>
    </div>
  );
}
