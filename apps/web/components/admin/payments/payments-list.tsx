"use client";

import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Clock, Flag, SlidersHorizontal, TriangleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { ActiveFilterChips } from "@/components/admin/table/list-controls";
import { DataTable, Pagination, type Column } from "@/components/admin/table/data-table";
import { ClientPicker } from "@/components/admin/projects/pickers";
import { ListShell, SkeletonRows } from "@/components/list-shell";
import { PageHeader } from "@/components/states";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input, NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { adminApi } from "@/lib/api/admin";
import { formatDate, formatDateTime, formatMoney } from "@/lib/format";
import { receiptUrl } from "@/lib/payments";
import { useAppLocale } from "@/lib/use-app-locale";
import { cn } from "@/lib/utils";
import { adminClientKeys } from "@/queries/admin-clients";
import type { PaymentDto } from "@/lib/api/types";
import { ConsoleStatusBadge, useMethodLabel, useDuration, useMethodName } from "./labels";
import {
  CINETPAY_METHODS,
  DEFAULT_PENDING_FOR,
  OFFLINE_METHODS,
  PAYMENT_CHANNELS,
  PAYMENT_SOURCES,
  PAYMENT_STATUS_FILTERS,
  PENDING_FOR_CHOICES,
  activePaymentChips,
  badAmountRange,
  clearedChip,
  pageCount,
  paymentListParams,
  paymentListSearch,
  readPaymentListState,
  toggleFlagged,
  withPaymentListChange,
  withPendingFor,
  withoutPaymentFilters,
  type PaymentChip,
  type PaymentListState,
} from "./list-state";
import { OfflinePaymentButton } from "./offline-dialog";
import { PaymentsTabs } from "./payments-tabs";
import { useConsolePayments } from "./queries";

export const PAYMENTS_PATH = "/admin/paiements";
const INVOICES_PATH = "/admin/facturation/factures";
/** The dead background jobs (payment re-checks that gave up), already built in the journal. */
export const DEAD_JOBS_PATH = "/admin/journal/travaux?status=dead";

/** The list's state from the address, and a way to change it. */
function usePaymentListState() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const state = useMemo(() => readPaymentListState(params), [params]);
  const go = (next: PaymentListState) => {
    const search = paymentListSearch(next);
    router.push(search ? `${pathname}?${search}` : pathname, { scroll: false });
  };
  const change = (partial: Partial<PaymentListState>) => go(withPaymentListChange(state, partial));
  const reset = () => go(withoutPaymentFilters());
  return { state, change, reset };
}

function When({ payment }: { payment: PaymentDto }) {
  const locale = useAppLocale();
  return (
    // The link covers the whole row (the row's other links sit above it).
    <Link href={`${PAYMENTS_PATH}/${payment.id}`} className="font-medium whitespace-nowrap text-primary tabular-nums after:absolute after:inset-0 hover:underline">
      {formatDateTime(payment.created_at, locale)}
    </Link>
  );
}

function InvoiceLink({ payment }: { payment: PaymentDto }) {
  return (
    <Link href={`${INVOICES_PATH}/${payment.invoice_id}`} className="relative z-10 whitespace-nowrap text-primary tabular-nums hover:underline">
      {payment.invoice_number ?? "—"}
    </Link>
  );
}

function ClientLink({ payment }: { payment: PaymentDto }) {
  return (
    <Link href={`/admin/clients/${payment.client_id}`} className="relative z-10 break-words text-primary hover:underline">
      {payment.client_name}
    </Link>
  );
}

function Amount({ payment }: { payment: PaymentDto }) {
  const locale = useAppLocale();
  const voided = payment.status === "voided";
  return <span className={cn("tabular-nums", voided && "text-muted-foreground line-through")}>{formatMoney(payment.amount, payment.currency, locale)}</span>;
}

/** The operator or the offline method, over the channel or "Hors ligne". */
function Means({ payment }: { payment: PaymentDto }) {
  const t = useTranslations("admin.payments");
  const methodLabel = useMethodLabel();
  const tp = useTranslations("payments");
  return (
    <span className="flex flex-col">
      <span>{methodLabel(payment) ?? "—"}</span>
      <span className="text-xs whitespace-nowrap text-muted-foreground">{payment.source === "offline" ? t("source.offline") : tp(`channel.${payment.channel}`)}</span>
    </span>
  );
}

/** Why a flagged payment waits for an admin, or why a recorded one was voided. */
function Reason({ payment }: { payment: PaymentDto }) {
  const t = useTranslations("admin.payments");
  const reason = payment.status === "voided" ? payment.void_reason : payment.status === "flagged" ? payment.flag_reason : null;
  if (!reason) return null;
  return (
    <span className={cn("line-clamp-2 text-xs break-words", payment.status === "flagged" ? "text-destructive" : "text-muted-foreground")}>
      {t(payment.status === "voided" ? "list.voidReason" : "list.flagReason", { reason })}
    </span>
  );
}

function Status({ payment }: { payment: PaymentDto }) {
  return (
    <span className="flex flex-col items-start gap-1">
      <ConsoleStatusBadge status={payment.status} />
      <Reason payment={payment} />
    </span>
  );
}

function Receipt({ payment }: { payment: PaymentDto }) {
  const t = useTranslations("admin.payments");
  const locale = useAppLocale();
  if (!payment.receipt_number) return <span className="text-muted-foreground">—</span>;
  const voided = payment.status === "voided";
  return (
    <a
      href={receiptUrl(payment.id, locale)}
      target="_blank"
      rel="noopener"
      className={cn("relative z-10 inline-flex min-h-8 items-center whitespace-nowrap text-primary tabular-nums hover:underline", voided && "line-through")}
      aria-label={t("list.receiptLabel", { number: payment.receipt_number })}
    >
      {payment.receipt_number}
    </a>
  );
}

function PaymentCard({ payment }: { payment: PaymentDto }) {
  const t = useTranslations("admin.payments.list.columns");
  return (
    <div className={cn("relative flex flex-col gap-2 rounded-lg border bg-card p-3 text-sm hover:bg-accent/60", payment.status === "voided" && "bg-muted/40")} data-testid="payment-card">
      <span className="flex flex-wrap items-start justify-between gap-2">
        <span className="text-base font-semibold">
          <Amount payment={payment} />
        </span>
        <ConsoleStatusBadge status={payment.status} />
      </span>
      <When payment={payment} />
      <ClientLink payment={payment} />
      <dl className="grid grid-cols-2 gap-2">
        <div className="flex min-w-0 flex-col">
          <dt className="text-xs text-muted-foreground">{t("invoice")}</dt>
          <dd>
            <InvoiceLink payment={payment} />
          </dd>
        </div>
        <div className="flex min-w-0 flex-col">
          <dt className="text-xs text-muted-foreground">{t("means")}</dt>
          <dd>
            <Means payment={payment} />
          </dd>
        </div>
        <div className="col-span-2 flex min-w-0 flex-col">
          <dt className="text-xs text-muted-foreground">{t("receipt")}</dt>
          <dd>
            <Receipt payment={payment} />
          </dd>
        </div>
      </dl>
      <Reason payment={payment} />
    </div>
  );
}

type Draft = Pick<PaymentListState, "channel" | "method" | "client" | "date_from" | "date_to"> & { amount_min: string; amount_max: string };

const AMOUNT = /^\d{1,15}$/;
const amountOf = (text: string) => (AMOUNT.test(text.trim()) ? Number(text.trim()) : null);

/** The less used filters, applied together with "Appliquer" (a phone's date picker would otherwise reload the list at each step). */
function FiltersPanel({ state, clientName, onApply, onClose }: { state: PaymentListState; clientName?: string; onApply: (change: Partial<PaymentListState>) => void; onClose: () => void }) {
  const t = useTranslations("admin.payments.filters");
  const tp = useTranslations("payments");
  const methodName = useMethodName();
  const [draft, setDraft] = useState<Draft>(() => ({
    channel: state.channel,
    method: state.method,
    client: state.client,
    date_from: state.date_from,
    date_to: state.date_to,
    amount_min: state.amount_min === null ? "" : String(state.amount_min),
    amount_max: state.amount_max === null ? "" : String(state.amount_max),
  }));
  const [name, setName] = useState(clientName);
  const badDates = Boolean(draft.date_from && draft.date_to && draft.date_from > draft.date_to);
  const notAmount = (text: string) => text.trim() !== "" && amountOf(text) === null;
  const badAmounts = notAmount(draft.amount_min) || notAmount(draft.amount_max) || badAmountRange(amountOf(draft.amount_min), amountOf(draft.amount_max));
  const set = (change: Partial<Draft>) => setDraft((current) => ({ ...current, ...change }));
  const known = [...CINETPAY_METHODS, ...OFFLINE_METHODS] as string[];
  return (
    <form
      id="payment-filters"
      className="mb-4 grid gap-4 rounded-lg border bg-card p-4 md:grid-cols-2 lg:grid-cols-3"
      onSubmit={(event) => {
        event.preventDefault();
        if (badDates || badAmounts) return;
        onApply({ ...draft, amount_min: amountOf(draft.amount_min), amount_max: amountOf(draft.amount_max) });
        onClose();
      }}
    >
      <div className="flex min-w-0 flex-col gap-1.5">
        <Label htmlFor="filter-client">{t("client")}</Label>
        <ClientPicker id="filter-client" value={draft.client} selectedName={name} emptyLabel={t("anyClient")} onChange={(client, clientLabel) => {
            set({ client });
            setName(clientLabel);
          }}
        />
      </div>
      <div className="flex min-w-0 flex-col gap-1.5">
        <Label htmlFor="filter-channel">{t("channel")}</Label>
        <NativeSelect id="filter-channel" value={draft.channel} onChange={(event) => set({ channel: event.target.value as Draft["channel"] })}>
          <option value="">{t("anyChannel")}</option>
          {PAYMENT_CHANNELS.map((channel) => (
            <option key={channel} value={channel}>
              {tp(`channel.${channel}`)}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="flex min-w-0 flex-col gap-1.5">
        <Label htmlFor="filter-method">{t("method")}</Label>
        <NativeSelect id="filter-method" value={draft.method} onChange={(event) => set({ method: event.target.value })}>
          <option value="">{t("anyMethod")}</option>
          <optgroup label={t("cinetpay")}>
            {CINETPAY_METHODS.map((method) => (
              <option key={method} value={method}>
                {methodName(method)}
              </option>
            ))}
          </optgroup>
          <optgroup label={t("offline")}>
            {OFFLINE_METHODS.map((method) => (
              <option key={method} value={method}>
                {methodName(method)}
              </option>
            ))}
          </optgroup>
          {draft.method && !known.includes(draft.method) ? <option value={draft.method}>{methodName(draft.method)}</option> : null}
        </NativeSelect>
      </div>
      <fieldset className="flex min-w-0 flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">{t("dates")}</legend>
        <div className="grid grid-cols-1 gap-2 min-[400px]:grid-cols-2">
          {(["date_from", "date_to"] as const).map((key) => (
            <div key={key} className="flex min-w-0 flex-col gap-1.5">
              <Label htmlFor={`filter-${key}`} className="text-xs text-muted-foreground">
                {t(key === "date_from" ? "from" : "to")}
              </Label>
              <Input
                id={`filter-${key}`}
                type="date"
                value={draft[key]}
                aria-invalid={badDates || undefined}
                aria-describedby={badDates ? "filter-dates-error" : undefined}
                onChange={(event) => set({ [key]: event.target.value })}
              />
            </div>
          ))}
        </div>
        {badDates ? (
          <p id="filter-dates-error" role="alert" className="text-sm text-destructive">
            {t("badDates")}
          </p>
        ) : null}
      </fieldset>
      <fieldset className="flex min-w-0 flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">{t("amounts")}</legend>
        <div className="grid grid-cols-1 gap-2 min-[400px]:grid-cols-2">
          {(["amount_min", "amount_max"] as const).map((key) => (
            <div key={key} className="flex min-w-0 flex-col gap-1.5">
              <Label htmlFor={`filter-${key}`} className="text-xs text-muted-foreground">
                {t(key === "amount_min" ? "amountMin" : "amountMax")}
              </Label>
              <Input
                id={`filter-${key}`}
                inputMode="numeric"
                autoComplete="off"
                value={draft[key]}
                aria-invalid={badAmounts || undefined}
                aria-describedby={badAmounts ? "filter-amounts-error" : undefined}
                onChange={(event) => set({ [key]: event.target.value.replace(/[\s\u00a0\u202f]/g, "") })}
              />
            </div>
          ))}
        </div>
        {badAmounts ? (
          <p id="filter-amounts-error" role="alert" className="text-sm text-destructive">
            {t("badAmounts")}
          </p>
        ) : null}
      </fieldset>
      <div className="flex flex-wrap items-end gap-2 md:col-span-2 lg:col-span-1 lg:justify-end">
        <Button
          type="button"
          variant="ghost"
          onClick={() => {
            onApply({ channel: "", method: "", client: "", date_from: "", date_to: "", amount_min: null, amount_max: null });
            onClose();
          }}
        >
          {t("reset")}
        </Button>
        <Button type="submit">{t("apply")}</Button>
      </div>
    </form>
  );
}

/** The client filter's name: from the rows when one is on screen, else from the client itself. */
function useClientName(clientId: string, rows: PaymentDto[]): string | undefined {
  const fromRows = rows.find((payment) => payment.client_id === clientId)?.client_name;
  const client = useQuery({
    queryKey: adminClientKeys.detail(clientId),
    queryFn: () => adminApi().clients.get(clientId),
    enabled: Boolean(clientId) && !fromRows,
  });
  return fromRows ?? client.data?.name;
}

function FilterChips({ state, clientName, onRemove, onClear }: { state: PaymentListState; clientName?: string; onRemove: (key: PaymentChip) => void; onClear: () => void }) {
  const t = useTranslations("admin.payments");
  const tp = useTranslations("payments");
  const locale = useAppLocale();
  const methodName = useMethodName();
  const duration = useDuration();
  const money = (amount: number | null) => formatMoney(amount ?? 0, "XOF", locale);
  const label = (key: PaymentChip): string => {
    switch (key) {
      case "status":
        return t("chips.status", { value: state.status ? t(`status.${state.status}`) : "" });
      case "pending_for":
        return t("chips.pending_for", { value: duration(state.pending_for) });
      case "source":
        return t("chips.source", { value: state.source ? t(`source.${state.source}`) : "" });
      case "channel":
        return t("chips.channel", { value: state.channel ? tp(`channel.${state.channel}`) : "" });
      case "method":
        return t("chips.method", { value: methodName(state.method) });
      case "client":
        return t("chips.client", { value: clientName ?? t("chips.unknownClient") });
      case "date_from":
      case "date_to":
        return t(`chips.${key}`, { value: formatDate(state[key], locale) });
      case "amount_min":
      case "amount_max":
        return t(`chips.${key}`, { value: money(state[key]) });
    }
  };
  return (
    <ActiveFilterChips
      chips={activePaymentChips(state).map((key) => ({ key, label: label(key) }))}
      label={t("filters.active")}
      removeLabel={(chip) => t("filters.remove", { label: chip })}
      clearLabel={t("filters.clearAll")}
      onRemove={onRemove}
      onClear={onClear}
    />
  );
}

/** "Signalés" and "En attente depuis plus de…": the two lists staff open first. */
function QuickFilters({ state, onChange }: { state: PaymentListState; onChange: (change: Partial<PaymentListState>) => void }) {
  const t = useTranslations("admin.payments.quick");
  const duration = useDuration();
  const flagged = state.status === "flagged";
  const waiting = state.pending_for > 0;
  const minutes = waiting ? state.pending_for : DEFAULT_PENDING_FOR;
  const choices: number[] = [...PENDING_FOR_CHOICES];
  return (
    <div className="flex min-w-0 basis-full flex-wrap items-center gap-2 lg:basis-auto" role="group" aria-label={t("label")}>
      <Button variant={flagged ? "default" : "outline"} aria-pressed={flagged} onClick={() => onChange(toggleFlagged(state))}>
        <Flag aria-hidden="true" />
        {t("flagged")}
      </Button>
      {/* The button turns the filter on or off; the menu beside it says for how long. */}
      <div className="flex min-w-0 basis-full items-stretch min-[480px]:basis-auto">
        <Button
          variant={waiting ? "default" : "outline"}
          className="min-w-0 flex-1 rounded-r-none px-3 text-left leading-tight whitespace-normal"
          aria-pressed={waiting}
          aria-label={t("pendingFor", { duration: duration(minutes) })}
          onClick={() => onChange(withPendingFor(state, waiting ? 0 : minutes))}
        >
          <Clock aria-hidden="true" />
          {t("pendingForShort")}
        </Button>
        <Label htmlFor="pending-for" className="sr-only">
          {t("pendingForChoice")}
        </Label>
        <NativeSelect
          id="pending-for"
          value={String(minutes)}
          onChange={(event) => onChange(withPendingFor(state, Number(event.target.value)))}
          className="w-28 shrink-0 rounded-l-none border-l-0"
        >
          {(choices.includes(minutes) ? choices : [minutes, ...choices]).map((choice) => (
            <option key={choice} value={choice}>
              {duration(choice)}
            </option>
          ))}
        </NativeSelect>
      </div>
    </div>
  );
}

/** Every payment, online and offline, for staff: filters in the address, paging on the server. */
export function PaymentsList() {
  const t = useTranslations("admin.payments");
  const { state, change, reset } = usePaymentListState();
  const [filtersOpen, setFiltersOpen] = useState(false);
  const query = useConsolePayments(paymentListParams(state));
  const rows = query.data?.results ?? [];
  const count = query.data?.count ?? 0;
  const pages = pageCount(count);
  const clientName = useClientName(state.client, rows);
  const chips = activePaymentChips(state);
  const panelFilters = (["channel", "method", "client", "date_from", "date_to", "amount_min", "amount_max"] as const).filter((key) => chips.includes(key)).length;

  const columns: Column<PaymentDto>[] = [
    { key: "date", header: t("list.columns.date"), cell: (payment) => <When payment={payment} /> },
    { key: "client", header: t("list.columns.client"), cell: (payment) => <ClientLink payment={payment} />, className: "max-w-48" },
    { key: "invoice", header: t("list.columns.invoice"), cell: (payment) => <InvoiceLink payment={payment} /> },
    { key: "amount", header: t("list.columns.amount"), numeric: true, cell: (payment) => <Amount payment={payment} /> },
    { key: "means", header: t("list.columns.means"), cell: (payment) => <Means payment={payment} /> },
    { key: "status", header: t("list.columns.status"), cell: (payment) => <Status payment={payment} />, className: "min-w-32 max-w-56" },
    { key: "receipt", header: t("list.columns.receipt"), cell: (payment) => <Receipt payment={payment} /> },
  ];

  const empty =
    state.status === "flagged" && chips.length === 1
      ? { text: t("list.emptyFlagged") }
      : state.pending_for > 0 && chips.length === 1
        ? { text: t("list.emptyPending") }
        : chips.length > 0
          ? {
              text: t("list.emptyFiltered"),
              action: (
                <Button variant="outline" onClick={reset}>
                  {t("filters.clearAll")}
                </Button>
              ),
            }
          : { text: t("list.empty"), action: <OfflinePaymentButton /> };

  return (
    <div>
      <PaymentsTabs current="payments" />
      <PageHeader
        title={t("title")}
        description={query.data ? t("list.count", { count }) : undefined}
        actions={
          <>
            <Button asChild variant="outline">
              <Link href={DEAD_JOBS_PATH}>
                <TriangleAlert aria-hidden="true" />
                {t("list.deadJobs")}
              </Link>
            </Button>
            <OfflinePaymentButton />
          </>
        }
      />
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <QuickFilters state={state} onChange={change} />
        <div className="min-w-0 basis-full sm:basis-auto">
          <Label htmlFor="payment-status" className="sr-only">
            {t("filters.status")}
          </Label>
          <NativeSelect id="payment-status" value={state.status} onChange={(event) => change({ status: event.target.value as PaymentListState["status"] })}>
            <option value="">{t("filters.anyStatus")}</option>
            {PAYMENT_STATUS_FILTERS.map((status) => (
              <option key={status} value={status}>
                {t(`status.${status}`)}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="min-w-0 flex-1 sm:flex-none">
          <Label htmlFor="payment-source" className="sr-only">
            {t("filters.source")}
          </Label>
          <NativeSelect id="payment-source" value={state.source} onChange={(event) => change({ source: event.target.value as PaymentListState["source"] })}>
            <option value="">{t("filters.anySource")}</option>
            {PAYMENT_SOURCES.map((source) => (
              <option key={source} value={source}>
                {t(`source.${source}`)}
              </option>
            ))}
          </NativeSelect>
        </div>
        <Button variant="outline" aria-expanded={filtersOpen} aria-controls="payment-filters" onClick={() => setFiltersOpen((open) => !open)}>
          <SlidersHorizontal aria-hidden="true" />
          {t("filters.title")}
          {panelFilters > 0 ? <Badge tone="primary">{panelFilters}</Badge> : null}
        </Button>
      </div>
      {filtersOpen ? <FiltersPanel state={state} clientName={clientName} onApply={change} onClose={() => setFiltersOpen(false)} /> : null}
      <FilterChips state={state} clientName={clientName} onRemove={(key) => change(clearedChip(key))} onClear={reset} />
      <ListShell query={query} items={rows} skeleton={<SkeletonRows count={6} row="h-12" />} empty={empty}>
        {(payments) => (
          <div className={cn(query.isPlaceholderData && "opacity-60 transition-opacity")} aria-busy={query.isPlaceholderData}>
            <DataTable
              label={t("title")}
              testId="payment-table"
              rows={payments}
              rowKey={(payment) => payment.id}
              columns={columns}
              card={(payment) => <PaymentCard payment={payment} />}
            />
            <Pagination
              page={state.page}
              pages={pages}
              onPage={(page) => change({ page })}
              labels={{ previous: t("list.previous"), next: t("list.next"), nav: t("list.pagination"), position: t("list.pageOf", { page: state.page, pages }) }}
            />
          </div>
        )}
      </ListShell>
    </div>
  );
}
