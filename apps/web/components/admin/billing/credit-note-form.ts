/**
 * The credit note dialog's rules and request (`POST /api/invoices/{id}/credit-notes/`): all that is
 * left to credit, or a part of it (TTC, whole francs); always a reason; and, once the API has said
 * the invoice was paid beyond what it will ask (400 `refund_method`), how the money goes back.
 */
import { enum as zEnum, maxLength, minLength, object, string, superRefine, trim } from "zod/mini";
import { MAX_XOF, parseFrancs } from "@/components/admin/projects/project-schema";
import type { CreateCreditNoteRequest, OfflineMethod } from "@/lib/api/types";

export const REFUND_METHODS = ["bank_transfer", "mobile_money", "cash", "cheque"] as const satisfies readonly OfflineMethod[];
export const CREDIT_SCOPES = ["whole", "partial"] as const;
/** The API's limits (`CreateCreditNoteRequest`). */
export const REASON_MAX = 1_000;
export const REFERENCE_MAX = 200;

export type CreditNoteFormValues = {
  scope: (typeof CREDIT_SCOPES)[number];
  /** TTC in whole francs, for a partial credit note. */
  amount: string;
  reason: string;
  refund_method: OfflineMethod | "";
  refund_reference: string;
};

export type CreditNoteMessages = {
  amount: string;
  /** "At most {max}": the amount is above what is left to credit. */
  amountTooHigh: string;
  reasonRequired: string;
  refundMethod: string;
  tooLong: (max: number) => string;
};

export const EMPTY_CREDIT_NOTE: CreditNoteFormValues = { scope: "whole", amount: "", reason: "", refund_method: "", refund_reference: "" };

/** `creditable`: what is left to credit (TTC − credit notes so far); `refundAsked`: the API asked how to refund. */
export function creditNoteSchema(messages: CreditNoteMessages, { creditable, refundAsked }: { creditable: number; refundAsked: boolean }) {
  return object({
    scope: zEnum(CREDIT_SCOPES),
    amount: string(),
    reason: string().check(trim(), minLength(1, messages.reasonRequired), maxLength(REASON_MAX, messages.tooLong(REASON_MAX))),
    refund_method: zEnum(["", ...REFUND_METHODS]),
    refund_reference: string().check(trim(), maxLength(REFERENCE_MAX, messages.tooLong(REFERENCE_MAX))),
  }).check(
    superRefine((values, ctx) => {
      if (values.scope === "partial") {
        const amount = parseFrancs(values.amount);
        if (amount === null || !Number.isSafeInteger(amount) || amount <= 0 || amount > MAX_XOF) {
          ctx.addIssue({ code: "custom", message: messages.amount, path: ["amount"], input: values.amount });
        } else if (amount > creditable) {
          ctx.addIssue({ code: "custom", message: messages.amountTooHigh, path: ["amount"], input: values.amount });
        }
      }
      if (refundAsked && !(REFUND_METHODS as readonly string[]).includes(values.refund_method)) {
        ctx.addIssue({ code: "custom", message: messages.refundMethod, path: ["refund_method"], input: values.refund_method });
      }
    }),
  );
}

/** The request: no `amount` for the whole rest; the refund only once the API has asked for it. */
export function toCreditNoteRequest(values: CreditNoteFormValues, refundAsked: boolean): CreateCreditNoteRequest {
  const body: CreateCreditNoteRequest = { reason: values.reason.trim() };
  if (values.scope === "partial") body.amount = parseFrancs(values.amount) ?? undefined;
  if (refundAsked && values.refund_method) {
    body.refund_method = values.refund_method;
    const reference = values.refund_reference.trim();
    if (reference) body.refund_reference = reference;
  }
  return body;
}

/** The 400 that asks how the money goes back: its message says how much (`refund_method`). */
export function refundQuestion(fieldErrors: Record<string, string[]>): string | null {
  const messages = fieldErrors.refund_method;
  return messages && messages.length ? messages.join(" ") : null;
}

/** What is left to credit on an invoice: its TTC less its credit notes so far. */
export function creditableAmount(invoice: { total_ttc: number; credited_amount: number }): number {
  return Math.max(0, invoice.total_ttc - invoice.credited_amount);
}
