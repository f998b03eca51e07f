/**
 * The payments console's state lives in the address, with the names of `GET /api/payments/`
 * (`/admin/paiements?source=offline&status=accepted&page=2`), so a reload or a shared link shows
 * the same list. The dashboard's own names are read too: `from`, `to`, `operator=orange_money`,
 * `channel=mobile_money|card|bank_transfer|cash|cheque` (its split by channel mixes both kinds).
 * Defaults are left out of the address; whatever makes no sense is dropped, not sent to the API.
 */
import { isIsoDay } from "@/components/admin/billing/list-state";
import type { OfflineMethod } from "@/lib/api/types";

export const PAYMENT_STATUS_FILTERS = ["initiating", "pending", "accepted", "refused", "expired", "flagged", "failed", "voided"] as const;
export type PaymentStatusFilter = (typeof PAYMENT_STATUS_FILTERS)[number];

export const PAYMENT_SOURCES = ["cinetpay", "offline"] as const;
export type PaymentSourceFilter = (typeof PAYMENT_SOURCES)[number];

export const PAYMENT_CHANNELS = ["ALL", "MOBILE_MONEY", "CREDIT_CARD", "WALLET"] as const;
export type PaymentChannelFilter = (typeof PAYMENT_CHANNELS)[number];

/** CinetPay's codes of the means, as the API filters them (`OM` also finds `OMCIV2`). */
export const CINETPAY_METHODS = ["OM", "MOMO", "FLOOZ", "WAVECI", "CARD"] as const;
export const OFFLINE_METHODS = ["bank_transfer", "cash", "cheque", "mobile_money"] as const satisfies readonly OfflineMethod[];

/** The dashboard's operator keys (`OperatorAmountDto.key`) as CinetPay codes. */
const OPERATOR_METHODS: Readonly<Record<string, string>> = {
  orange: "OM",
  orange_money: "OM",
  mtn: "MOMO",
  moov: "FLOOZ",
  wave: "WAVECI",
  card: "CARD",
};

/** The quick filter's choices, in minutes. */
export const PENDING_FOR_CHOICES = [15, 30, 60, 240, 1440] as const;
/** What the "En attente depuis plus de…" quick filter starts with. */
export const DEFAULT_PENDING_FOR = 15;
/** A week: beyond it every open payment has long expired. */
const MAX_PENDING_FOR = 7 * 24 * 60;

export type PaymentListState = {
  status: PaymentStatusFilter | "";
  source: PaymentSourceFilter | "";
  channel: PaymentChannelFilter | "";
  /** A CinetPay code (`OM`) or an offline method (`bank_transfer`), or "". */
  method: string;
  /** A client's id (uuid). */
  client: string;
  /** `YYYY-MM-DD` each, or "". */
  date_from: string;
  date_to: string;
  /** Whole amounts in the currency's unit, or null. */
  amount_min: number | null;
  amount_max: number | null;
  /** Minutes: open payments started longer ago than that; 0 when off. */
  pending_for: number;
  page: number;
};

export const DEFAULT_PAYMENT_LIST: PaymentListState = {
  status: "",
  source: "",
  channel: "",
  method: "",
  client: "",
  date_from: "",
  date_to: "",
  amount_min: null,
  amount_max: null,
  pending_for: 0,
  page: 1,
};

export const PAYMENT_PAGE_SIZE = 25;

/** The filters a chip shows and removes, in the chips' order (the page is not one). */
export const PAYMENT_CHIPS = ["status", "pending_for", "source", "channel", "method", "client", "date_from", "date_to", "amount_min", "amount_max"] as const;
export type PaymentChip = (typeof PAYMENT_CHIPS)[number];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A method as the API spells them: letters, digits, `_` (no spaces, nothing to inject). */
const METHOD = /^[A-Za-z0-9_]{1,32}$/;

type Params = Pick<URLSearchParams, "get">;

function oneOf<T extends string>(list: readonly T[], value: string | null): T | "" {
  return value !== null && (list as readonly string[]).includes(value) ? (value as T) : "";
}

/** A whole, non-negative amount written plainly (`150000`); null for anything else. */
function amountOf(value: string | null): number | null {
  const text = (value ?? "").trim();
  if (!/^\d{1,15}$/.test(text)) return null;
  return Number(text);
}

/** The dashboard's channel keys (`KeyedAmountDto.key` of its split by channel). */
const DASHBOARD_CHANNELS: Readonly<Record<string, Partial<Pick<PaymentListState, "channel" | "method">>>> = {
  mobile_money: { channel: "MOBILE_MONEY" },
  card: { channel: "CREDIT_CARD" },
  bank_transfer: { method: "bank_transfer" },
  cash: { method: "cash" },
  cheque: { method: "cheque" },
};

function dashboardChannel(params: Params): Partial<Pick<PaymentListState, "channel" | "method">> {
  const key = params.get("channel") ?? "";
  return Object.hasOwn(DASHBOARD_CHANNELS, key) ? DASHBOARD_CHANNELS[key] : {};
}

function methodOf(params: Params): string {
  const method = (params.get("method") ?? "").trim();
  if (METHOD.test(method)) return method;
  const operator = (params.get("operator") ?? "").trim().toLowerCase();
  return OPERATOR_METHODS[operator] ?? dashboardChannel(params).method ?? "";
}

/** The console's state from the address; whatever is missing or makes no sense takes its default. */
export function readPaymentListState(params: Params): PaymentListState {
  const day = (name: string, alias: string) => {
    const value = (params.get(name) ?? params.get(alias) ?? "").trim();
    return isIsoDay(value) ? value : "";
  };
  const client = (params.get("client") ?? "").trim();
  const page = Number(params.get("page"));
  const pendingFor = Number(params.get("pending_for"));
  return {
    status: oneOf(PAYMENT_STATUS_FILTERS, params.get("status")),
    source: oneOf(PAYMENT_SOURCES, params.get("source")),
    channel: oneOf(PAYMENT_CHANNELS, params.get("channel")) || (dashboardChannel(params).channel ?? ""),
    method: methodOf(params),
    client: UUID.test(client) ? client.toLowerCase() : "",
    date_from: day("date_from", "from"),
    date_to: day("date_to", "to"),
    amount_min: amountOf(params.get("amount_min")),
    amount_max: amountOf(params.get("amount_max")),
    pending_for: Number.isInteger(pendingFor) && pendingFor > 0 && pendingFor <= MAX_PENDING_FOR ? pendingFor : 0,
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

/** `source=offline&page=2`: only what differs from the defaults, in a stable order. */
export function paymentListSearch(state: PaymentListState): string {
  const out = new URLSearchParams();
  for (const key of ["status", "source", "channel", "method", "client", "date_from", "date_to"] as const) if (state[key]) out.set(key, state[key]);
  if (state.amount_min !== null) out.set("amount_min", String(state.amount_min));
  if (state.amount_max !== null) out.set("amount_max", String(state.amount_max));
  if (state.pending_for > 0) out.set("pending_for", String(state.pending_for));
  if (state.page > 1) out.set("page", String(state.page));
  return out.toString();
}

/** A change of filters goes back to the first page; a change of page keeps the rest. */
export function withPaymentListChange(state: PaymentListState, change: Partial<PaymentListState>): PaymentListState {
  const resetsPage = Object.keys(change).some((key) => key !== "page");
  return { ...state, ...change, page: resetsPage && change.page === undefined ? 1 : (change.page ?? state.page) };
}

/** The query of `GET /api/payments/`: the address's names, only those in use. */
export type PaymentListParams = {
  status?: PaymentStatusFilter;
  source?: PaymentSourceFilter;
  channel?: PaymentChannelFilter;
  method?: string;
  client?: string;
  date_from?: string;
  date_to?: string;
  amount_min?: number;
  amount_max?: number;
  pending_for?: number;
  page: number;
  page_size: number;
};

export function paymentListParams(state: PaymentListState): PaymentListParams {
  const params: PaymentListParams = { page: state.page, page_size: PAYMENT_PAGE_SIZE };
  if (state.status) params.status = state.status;
  if (state.source) params.source = state.source;
  if (state.channel) params.channel = state.channel;
  for (const key of ["method", "client", "date_from", "date_to"] as const) if (state[key]) params[key] = state[key];
  if (state.amount_min !== null) params.amount_min = state.amount_min;
  if (state.amount_max !== null) params.amount_max = state.amount_max;
  if (state.pending_for > 0) params.pending_for = state.pending_for;
  return params;
}

function inUse(state: PaymentListState, key: PaymentChip): boolean {
  if (key === "pending_for") return state.pending_for > 0;
  const value = state[key];
  return value !== "" && value !== null;
}

export function activePaymentChips(state: PaymentListState): PaymentChip[] {
  return PAYMENT_CHIPS.filter((key) => inUse(state, key));
}

/** The value a chip's removal writes. */
export function clearedChip(key: PaymentChip): Partial<PaymentListState> {
  return { [key]: DEFAULT_PAYMENT_LIST[key] };
}

/** "Effacer les filtres". */
export function withoutPaymentFilters(): PaymentListState {
  return { ...DEFAULT_PAYMENT_LIST };
}

/** The "Signalés" quick filter: on, or back to every status. */
export function toggleFlagged(state: PaymentListState): Partial<PaymentListState> {
  return state.status === "flagged" ? { status: "" } : { status: "flagged", pending_for: 0 };
}

/**
 * The "En attente depuis plus de N minutes" quick filter: on with `minutes`, or off. It asks
 * for open payments, so a status other than those is dropped.
 */
export function withPendingFor(state: PaymentListState, minutes: number): Partial<PaymentListState> {
  if (minutes <= 0) return { pending_for: 0 };
  const open = state.status === "initiating" || state.status === "pending" || state.status === "";
  return open ? { pending_for: minutes } : { pending_for: minutes, status: "" };
}

/** The methods a source offers in the filter (every one when no source is chosen). */
export function methodsFor(source: PaymentSourceFilter | ""): string[] {
  if (source === "cinetpay") return [...CINETPAY_METHODS];
  if (source === "offline") return [...OFFLINE_METHODS];
  return [...CINETPAY_METHODS, ...OFFLINE_METHODS];
}

export function isOfflineMethod(method: string): method is OfflineMethod {
  return (OFFLINE_METHODS as readonly string[]).includes(method);
}

/** An amount range where the lower end is above the upper one. */
export function badAmountRange(min: number | null, max: number | null): boolean {
  return min !== null && max !== null && min > max;
}

export function pageCount(count: number, pageSize = PAYMENT_PAGE_SIZE): number {
  return Math.max(1, Math.ceil(count / pageSize));
}
