import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api/client";
import type { InitPaymentRequest, PaymentDto, PaymentStatus } from "@/lib/api/types";
import { isOpenPayment } from "@/lib/payments";
import { invoiceKeys } from "./invoices";

export type PaymentFilters = { invoice?: string; client?: string; status?: PaymentStatus };

export const paymentKeys = {
  all: ["payments"] as const,
  lists: () => [...paymentKeys.all, "list"] as const,
  list: (filters: PaymentFilters) => [...paymentKeys.lists(), filters] as const,
  pages: (filters: PaymentFilters) => [...paymentKeys.lists(), "pages", filters] as const,
  detail: (id: string) => [...paymentKeys.all, "detail", id] as const,
};

/** The payments of one invoice, newest first (an invoice rarely has more than a few). */
export function useInvoicePayments(invoiceId: string, enabled = true) {
  return useQuery({
    queryKey: paymentKeys.list({ invoice: invoiceId }),
    queryFn: ({ signal }) =>
      unwrap(api.GET("/api/payments/", { params: { query: { invoice: invoiceId, page_size: 50 } }, signal })),
    enabled,
  });
}

/** A page is small: people on mobile data rarely need more than the latest payments. */
export const PAYMENTS_PAGE_SIZE = 20;

/** Every payment the person may see, newest first, a page at a time ("Voir plus"). */
export function usePayments(filters: PaymentFilters) {
  return useInfiniteQuery({
    queryKey: paymentKeys.pages(filters),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET("/api/payments/", {
          params: {
            query: {
              client: filters.client || undefined,
              invoice: filters.invoice || undefined,
              status: filters.status,
              page: pageParam,
              page_size: PAYMENTS_PAGE_SIZE,
            },
          },
          signal,
        }),
      ),
    initialPageParam: 1,
    getNextPageParam: (last, pages) => (last.next ? pages.length + 1 : undefined),
    placeholderData: keepPreviousData,
  });
}

/**
 * One payment, through `/status/`: while it is pending the API first asks CinetPay again (at most
 * every few seconds). `refetchInterval` decides when to ask next (see `pollDelay`); the query
 * stops on its own once the payment is settled, and while the tab is hidden.
 */
export function usePaymentStatus(id: string, refetchInterval: (payment: PaymentDto | undefined) => number | false) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: paymentKeys.detail(id),
    queryFn: async ({ signal }) => {
      const payment = await unwrap(api.GET("/api/payments/{id}/status/", { params: { path: { id } }, signal }));
      if (!isOpenPayment(payment.status)) {
        // Settled or given up: the invoice (paid amount, status) and its history have changed.
        void queryClient.invalidateQueries({ queryKey: invoiceKeys.all });
        void queryClient.invalidateQueries({ queryKey: paymentKeys.lists() });
      }
      return payment;
    },
    staleTime: 0,
    refetchInterval: (query) => refetchInterval(query.state.data),
    // A phone back from the operator's app (the USSD prompt) asks at once.
    refetchOnWindowFocus: "always",
  });
}

/**
 * Starts a payment: the API records it and answers CinetPay's checkout address, where the browser
 * goes next. The errors (400 amount, 409 in progress / not payable, 503 provider) are the caller's.
 */
export function useInitPayment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: InitPaymentRequest) => unwrap(api.POST("/api/payments/init/", { body })),
    onError: () => {
      // A 409 may mean the invoice changed (paid from another phone) or a payment started elsewhere.
      void queryClient.invalidateQueries({ queryKey: invoiceKeys.all });
      void queryClient.invalidateQueries({ queryKey: paymentKeys.lists() });
    },
  });
}
