import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api/client";
import { invoiceKeys } from "@/queries/invoices";
import { paymentKeys } from "@/queries/payments";
import type { ConsolePayment, OfflinePaymentRequest, PaymentJournal, PaymentPage, ResolveRequest } from "./contract";
import type { PaymentListParams } from "./list-state";

/**
 * Issue 16's routes, typed by hand from the contract until the generated schema has them: the
 * client is the app's own (CSRF header, language, 401 handling), only its path typing is loosened.
 */
type Loose = {
  GET: (path: string, init?: object) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
  POST: (path: string, init?: object) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
};
const loose = api as unknown as Loose;
const path = (id: string) => ({ params: { path: { id } } });

export const consoleKeys = {
  list: (params: PaymentListParams) => [...paymentKeys.lists(), "console", params] as const,
  journal: (id: string) => [...paymentKeys.all, "journal", id] as const,
};

/** Every payment for staff, a page at a time; under `payments` so a change anywhere refreshes it. */
export function useConsolePayments(params: PaymentListParams) {
  return useQuery({
    queryKey: consoleKeys.list(params),
    queryFn: ({ signal }) => unwrap(loose.GET("/api/payments/", { params: { query: params }, signal })) as Promise<PaymentPage>,
    placeholderData: keepPreviousData,
  });
}

export function usePayment(id: string) {
  return useQuery({
    queryKey: paymentKeys.detail(id),
    queryFn: ({ signal }) => unwrap(loose.GET("/api/payments/{id}/", { ...path(id), signal })) as Promise<ConsolePayment>,
  });
}

/** Every notification and check of a payment (staff). */
export function usePaymentJournal(id: string, enabled = true) {
  return useQuery({
    queryKey: consoleKeys.journal(id),
    queryFn: ({ signal }) => unwrap(loose.GET("/api/payments/{id}/journal/", { ...path(id), signal })) as Promise<PaymentJournal>,
    enabled,
  });
}

/** After any change to a payment: its page, its journal, every list of payments, and the invoices (balances). */
function useRefreshAfter() {
  const queryClient = useQueryClient();
  return (payment?: ConsolePayment) => {
    if (payment) queryClient.setQueryData(paymentKeys.detail(payment.id), payment);
    void queryClient.invalidateQueries({ queryKey: paymentKeys.all });
    void queryClient.invalidateQueries({ queryKey: invoiceKeys.all });
  };
}

/** Asks CinetPay now about an open or flagged payment (409 `not_open` otherwise). */
export function useRecheck(id: string) {
  const refresh = useRefreshAfter();
  return useMutation({
    mutationFn: () => unwrap(loose.POST("/api/payments/{id}/recheck/", path(id))) as Promise<ConsolePayment>,
    onSuccess: (payment) => refresh(payment),
    onError: () => refresh(),
  });
}

/** An admin's decision on a flagged payment (409 `not_flagged`). */
export function useResolve(id: string) {
  const refresh = useRefreshAfter();
  return useMutation({
    mutationFn: (body: ResolveRequest) => unwrap(loose.POST("/api/payments/{id}/resolve/", { ...path(id), body })) as Promise<ConsolePayment>,
    onSuccess: (payment) => refresh(payment),
    onError: () => refresh(),
  });
}

/** An admin cancels an offline payment, with a reason (409 `not_voidable`, `already_refunded`). */
export function useVoidPayment(id: string) {
  const refresh = useRefreshAfter();
  return useMutation({
    mutationFn: (reason: string) => unwrap(loose.POST("/api/payments/{id}/void/", { ...path(id), body: { reason } })) as Promise<ConsolePayment>,
    onSuccess: (payment) => refresh(payment),
  });
}

/** Staff record money received outside CinetPay (409 `not_payable`, 400 `amount`). */
export function useRecordOffline() {
  const refresh = useRefreshAfter();
  return useMutation({
    mutationFn: (body: OfflinePaymentRequest) => unwrap(loose.POST("/api/payments/offline/", { body })) as Promise<ConsolePayment>,
    onSuccess: (payment) => refresh(payment),
  });
}

/** After a proof went up (see proof.ts): the payment now names its file. */
export function useProofUploaded() {
  const refresh = useRefreshAfter();
  return (payment: ConsolePayment) => refresh(payment);
}
