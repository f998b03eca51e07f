import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api/client";
import type { OfflinePaymentRequest, PaymentDto, ResolvePaymentRequest } from "@/lib/api/types";
import { invoiceKeys } from "@/queries/invoices";
import { paymentKeys } from "@/queries/payments";
import type { PaymentListParams } from "./list-state";

const path = (id: string) => ({ params: { path: { id } } });

export const consoleKeys = {
  list: (params: PaymentListParams) => [...paymentKeys.lists(), "console", params] as const,
  journal: (id: string) => [...paymentKeys.all, "journal", id] as const,
};

/** Every payment for staff, a page at a time; under `payments` so a change anywhere refreshes it. */
export function useConsolePayments(params: PaymentListParams) {
  return useQuery({
    queryKey: consoleKeys.list(params),
    queryFn: ({ signal }) => unwrap(api.GET("/api/payments/", { params: { query: params }, signal })),
    // The previous page stays on screen while the next one loads (no flash of skeleton on paging).
    placeholderData: keepPreviousData,
  });
}

export function usePayment(id: string) {
  return useQuery({
    queryKey: paymentKeys.detail(id),
    queryFn: ({ signal }) => unwrap(api.GET("/api/payments/{id}/", { ...path(id), signal })),
  });
}

/** Every notification and check of a payment (staff). */
export function usePaymentJournal(id: string) {
  return useQuery({
    queryKey: consoleKeys.journal(id),
    queryFn: ({ signal }) => unwrap(api.GET("/api/payments/{id}/journal/", { ...path(id), signal })),
  });
}

/** After any change to a payment: its page, its journal, every list of payments, and the invoices (balances). */
function useRefreshAfter() {
  const queryClient = useQueryClient();
  return (payment?: PaymentDto) => {
    if (payment) queryClient.setQueryData(paymentKeys.detail(payment.id), payment);
    void queryClient.invalidateQueries({ queryKey: paymentKeys.all });
    void queryClient.invalidateQueries({ queryKey: invoiceKeys.all });
  };
}

/** Asks CinetPay now about an open payment (409 `not_open` otherwise). */
export function useRecheck(id: string) {
  const refresh = useRefreshAfter();
  return useMutation({
    mutationFn: () => unwrap(api.POST("/api/payments/{id}/recheck/", path(id))),
    onSuccess: (payment) => refresh(payment),
    // A 503 is journaled too, and a 409 means the payment moved on: show what it is now.
    onError: () => refresh(),
  });
}

/** An admin's decision on a flagged payment (409 `not_flagged`). */
export function useResolve(id: string) {
  const refresh = useRefreshAfter();
  return useMutation({
    mutationFn: (body: ResolvePaymentRequest) => unwrap(api.POST("/api/payments/{id}/resolve/", { ...path(id), body })),
    onSuccess: (payment) => refresh(payment),
    onError: () => refresh(),
  });
}

/** An admin cancels an offline payment, with a reason (409 `not_voidable`, `already_refunded`). */
export function useVoidPayment(id: string) {
  const refresh = useRefreshAfter();
  return useMutation({
    mutationFn: (reason: string) => unwrap(api.POST("/api/payments/{id}/void/", { ...path(id), body: { reason } })),
    onSuccess: (payment) => refresh(payment),
  });
}

/** Staff record money received outside CinetPay (409 `not_payable`, 400 `amount`). */
export function useRecordOffline() {
  const refresh = useRefreshAfter();
  return useMutation({
    mutationFn: (body: OfflinePaymentRequest) => unwrap(api.POST("/api/payments/offline/", { body })),
    onSuccess: (payment) => refresh(payment),
  });
}

/** After a proof went up (see proof.ts): the payment now names its file. */
export function useProofUploaded() {
  const refresh = useRefreshAfter();
  return (payment: PaymentDto) => refresh(payment);
}
