"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";
import { Badge } from "@/components/ui/badge";
import { isApiError } from "@/lib/api/errors";
import { PAYMENT_STATUS_TONE } from "@/lib/payments";
import { useErrorMessage } from "@/lib/use-error-message";
import type { PaymentDto, PaymentStatus } from "@/lib/api/types";
import { CINETPAY_METHODS, isOfflineMethod } from "./list-state";

/**
 * A payment's status in the back-office's words ("Signalé", as its quick filter says, where the
 * portal tells the client "En vérification"); the portal's colours.
 */
export function ConsoleStatusBadge({ status }: { status: PaymentStatus }) {
  const t = useTranslations("admin.payments.status");
  return (
    <Badge tone={PAYMENT_STATUS_TONE[status] ?? "neutral"} data-testid="payment-status">
      {t(status)}
    </Badge>
  );
}

type CinetPayMethod = (typeof CINETPAY_METHODS)[number];

/** A method filter's name: an operator ("Orange Money"), an offline method ("Virement bancaire"), or the code itself. */
export function useMethodName() {
  const t = useTranslations("admin.payments.methods");
  return useCallback(
    (method: string) => {
      if (isOfflineMethod(method) || (CINETPAY_METHODS as readonly string[]).includes(method)) return t(method as CinetPayMethod);
      return t("other", { code: method });
    },
    [t],
  );
}

/**
 * How the money came: an offline method in the interface's language, else the operator as the API
 * names it ("Orange Money"), else CinetPay's code, else nothing yet.
 */
export function useMethodLabel() {
  const t = useTranslations("admin.payments.methods");
  return useCallback(
    (payment: Pick<PaymentDto, "offline" | "method_label" | "payment_method">): string | null =>
      payment.offline ? t(payment.offline.method) : payment.method_label || payment.payment_method || null,
    [t],
  );
}

/** The API's 409 codes of the payment routes, in the interface's words; anything else as usual. */
const CODES = ["not_payable", "not_voidable", "already_refunded", "not_open", "not_flagged"] as const;
type PaymentCode = (typeof CODES)[number];

export function usePaymentErrorMessage() {
  const t = useTranslations("admin.payments.errors");
  const fallback = useErrorMessage();
  return useCallback(
    (error: unknown) => {
      if (isApiError(error) && (CODES as readonly string[]).includes(error.code)) return t(error.code as PaymentCode);
      return fallback(error);
    },
    [t, fallback],
  );
}

/** `15 min`, `1 h`, `24 h`: how long a payment has waited. */
export function useDuration() {
  const t = useTranslations("admin.payments.duration");
  return useCallback((minutes: number) => (minutes % 60 === 0 ? t("hours", { count: minutes / 60 }) : t("minutes", { count: minutes })), [t]);
}
