/**
 * Pay links (`/payer/{token}`): an invoice anyone holding the link can pay without an account.
 * The small rules the public pages and the "Partager" buttons apply around the API.
 */
import { isApiError } from "./api/errors";
import { formatDate, formatMoney, type AppLocale } from "./format";

/** How long a new link works, in days (the API's `expires_in_days`). */
export const LINK_VALIDITY = { min: 1, max: 90, default: 30 } as const;

/** The number of days typed in the staff form, or null when it is not a whole number from 1 to 90. */
export function parseValidityDays(input: string): number | null {
  const text = input.trim();
  if (!/^\d{1,3}$/.test(text)) return null;
  const days = Number(text);
  return days >= LINK_VALIDITY.min && days <= LINK_VALIDITY.max ? days : null;
}

/** Why the public page cannot show the invoice (or start a payment), from the API's answer. */
export type LinkProblem =
  /** 404: not a link (mistyped, cut short by a messaging app). */
  | { kind: "invalid" }
  /** 410 `link_expired` / `link_revoked`, with the API's sentence (already in the reader's language). */
  | { kind: "expired" | "revoked"; message: string | null }
  /** 429: too many requests from this address; `retryAfter` in seconds. */
  | { kind: "throttled"; retryAfter: number }
  /** Anything else: the API unreachable or failing. */
  | { kind: "unavailable" };

/** Seconds to wait when a 429 comes without `Retry-After`. */
const DEFAULT_RETRY_AFTER = 60;

/** The page's problem from an HTTP status, the API's `code` and `detail`, and `Retry-After` (seconds). */
export function linkProblem(status: number, code?: string | null, detail?: string | null, retryAfter?: number | null): LinkProblem {
  if (status === 404) return { kind: "invalid" };
  if (status === 410) return { kind: code === "link_revoked" ? "revoked" : "expired", message: detail?.trim() || null };
  if (status === 429) {
    const seconds = retryAfter && Number.isFinite(retryAfter) && retryAfter > 0 ? Math.ceil(retryAfter) : DEFAULT_RETRY_AFTER;
    return { kind: "throttled", retryAfter: seconds };
  }
  return { kind: "unavailable" };
}

/** The same, from what a call threw (`ApiError` from `unwrap`, or a network error). */
export function linkProblemOf(error: unknown): LinkProblem {
  if (!isApiError(error)) return { kind: "unavailable" };
  const detail = typeof error.body?.detail === "string" ? error.body.detail : null;
  return linkProblem(error.status, error.code, detail, error.retryAfter);
}

/** `Retry-After` as whole minutes, never less than one (what people read: « dans 2 minutes »). */
export function retryMinutes(seconds: number): number {
  return Math.max(1, Math.ceil(seconds / 60));
}

/** What went wrong starting a payment from the public page, and what the person can do about it. */
export type StartProblem =
  /** 400 on `amount`: shown under the amount. */
  | { kind: "amount"; text: string }
  /** 409 `payment_in_progress`: resume it on CinetPay's page, or follow it. */
  | { kind: "inProgress"; text: string; checkoutUrl: string | null; paymentId: string | null }
  /** 409 `not_payable`: paid or cancelled meanwhile; the page is drawn again from the server. */
  | { kind: "notPayable"; text: string }
  /** 503: CinetPay unreachable, nothing recorded; try again. */
  | { kind: "unavailable"; text: string | null }
  /** 404, 410, 429: the link itself. */
  | { kind: "link"; problem: LinkProblem }
  | { kind: "message"; text: string | null };

/** Sorts an error of `POST /api/public/pay/{token}/init/`; `text` is the API's own sentence when it gave one. */
export function startProblem(error: unknown): StartProblem {
  if (!isApiError(error)) return { kind: "message", text: null };
  const text = error.generalErrors[0] ?? null;
  const body = error.body ?? {};
  if (error.status === 400 && error.fieldErrors.amount?.length) return { kind: "amount", text: error.fieldErrors.amount.join(" ") };
  if (error.status === 404 || error.status === 410 || error.status === 429) return { kind: "link", problem: linkProblemOf(error) };
  if (error.code === "payment_in_progress") {
    return {
      kind: "inProgress",
      text: text ?? "",
      checkoutUrl: typeof body.checkout_url === "string" ? body.checkout_url : null,
      paymentId: typeof body.payment_id === "string" ? body.payment_id : null,
    };
  }
  if (error.code === "not_payable") return { kind: "notPayable", text: text ?? "" };
  if (error.status === 503 || error.code === "payment_provider_unavailable") return { kind: "unavailable", text };
  return { kind: "message", text };
}

/** The part of the public invoice that decides what the page offers. */
type PayableInvoice = {
  status: string;
  balance_due: number;
  payment: { can_pay: boolean; reason?: string | null; open_payment?: { id: string; checkout_url?: string | null } | null };
};

/** What the public page offers under the invoice. */
export type PayView =
  | { kind: "pay" }
  | { kind: "paid" }
  /** A payment started less than 15 minutes ago is still open: resume it rather than start another. */
  | { kind: "inProgress"; paymentId: string | null; checkoutUrl: string | null }
  /** Cancelled (or brought to nothing by credit notes): nothing to pay. */
  | { kind: "closed" }
  /** The balance is below what CinetPay accepts. */
  | { kind: "belowMinimum" }
  /** Anything else the API refuses (nothing due, not payable). */
  | { kind: "nothing" };

export function payView(invoice: PayableInvoice): PayView {
  if (invoice.status === "paid") return { kind: "paid" };
  if (invoice.status === "cancelled" || invoice.status === "credited") return { kind: "closed" };
  if (invoice.payment.can_pay) return { kind: "pay" };
  switch (invoice.payment.reason) {
    case "in_progress": {
      const open = invoice.payment.open_payment;
      return { kind: "inProgress", paymentId: open?.id ?? null, checkoutUrl: open?.checkout_url ?? null };
    }
    case "below_minimum":
      return { kind: "belowMinimum" };
    default:
      // `nothing_due` on an unpaid invoice: paid to the last franc by payments not yet settled into its status.
      return invoice.balance_due <= 0 ? { kind: "paid" } : { kind: "nothing" };
  }
}

/**
 * The token goes with the person to CinetPay's page and back in the tab's sessionStorage: the
 * return page (`/payer/retour?paiement={id}`) carries only the payment's id. One entry per payment,
 * and the latest link as a fallback.
 */
const STORAGE_PREFIX = "nourx.payLink.";
const LAST_KEY = `${STORAGE_PREFIX}last`;

type KeyValueStore = Pick<Storage, "getItem" | "setItem">;

/** Remembers which link a payment belongs to; false when the browser refuses (private mode, storage full). */
export function rememberLink(store: KeyValueStore | null | undefined, token: string, paymentId?: string | null): boolean {
  if (!store) return false;
  try {
    store.setItem(LAST_KEY, token);
    if (paymentId) store.setItem(`${STORAGE_PREFIX}${paymentId}`, token);
    return true;
  } catch {
    return false;
  }
}

/** The token of the link that started `paymentId` in this tab, else the latest link opened in it. */
export function linkTokenFor(store: KeyValueStore | null | undefined, paymentId: string): string | null {
  if (!store) return null;
  try {
    return store.getItem(`${STORAGE_PREFIX}${paymentId}`) ?? store.getItem(LAST_KEY);
  } catch {
    return null;
  }
}

/** The tab's sessionStorage, or null where there is none (server, blocked storage). */
export function sessionStore(): KeyValueStore | null {
  try {
    return typeof window === "undefined" ? null : window.sessionStorage;
  } catch {
    return null;
  }
}

/** A payment id as the API writes them (a UUID): anything else in `?paiement=` is not asked for. */
export function isPaymentId(value: unknown): value is string {
  return typeof value === "string" && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/** A link's address with the document's language, for the PDFs the public page links to. */
export function withLang(url: string, locale: "fr" | "en"): string {
  return `${url}${url.includes("?") ? "&" : "?"}lang=${locale}`;
}

/** What the share message needs to say: the invoice, what is left to pay, the link and until when it works. */
export type ShareFacts = { number: string; balance: number; currency: string; url: string; expiresAt?: string | null };

/** A translator for the `payLink.share` messages (next-intl's `t`, or `createTranslator` in tests). */
type ShareTranslator = (key: "message" | "messageUntil", values: Record<string, string>) => string;

/**
 * The short message sent with the link (WhatsApp, SMS, or pasted anywhere): the invoice's number,
 * the balance as `150 000 FCFA`, the link, and its last day when known. One line of text and the
 * link last, so that messaging apps turn it into a tappable preview.
 */
export function shareMessage(t: ShareTranslator, facts: ShareFacts, locale: AppLocale): string {
  const values = { number: facts.number, amount: formatMoney(facts.balance, facts.currency, locale), url: facts.url };
  return facts.expiresAt
    ? t("messageUntil", { ...values, date: formatDate(facts.expiresAt, locale) })
    : t("message", values);
}

/** `https://wa.me/?text=…`: WhatsApp opens with the message ready, the person picks whom to send it to. */
export function whatsAppHref(message: string): string {
  return `https://wa.me/?text=${encodeURIComponent(message)}`;
}

/** `sms:?body=…` (RFC 5724): the phone's messages app opens with the text ready. */
export function smsHref(message: string): string {
  return `sms:?body=${encodeURIComponent(message)}`;
}
