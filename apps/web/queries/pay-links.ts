import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api/client";
import type { components } from "@/lib/api/schema";

export type PayLink = components["schemas"]["PayLinkDto"];
export type PublicPayment = components["schemas"]["PublicPaymentDto"];
export type PublicInvoice = components["schemas"]["PublicInvoiceDto"];

export const payLinkKeys = {
  all: ["pay-links"] as const,
  ofInvoice: (invoiceId: string) => [...payLinkKeys.all, "invoice", invoiceId] as const,
  payment: (token: string, paymentId: string) => [...payLinkKeys.all, "payment", token, paymentId] as const,
};

/** The links of an invoice, newest first (their addresses are not given again). */
export function usePayLinks(invoiceId: string) {
  return useQuery({
    queryKey: payLinkKeys.ofInvoice(invoiceId),
    queryFn: ({ signal }) => unwrap(api.GET("/api/invoices/{id}/pay-links/", { params: { path: { id: invoiceId } }, signal })),
  });
}

/** Makes a link (`expires_in_days`: 1–90, the API's default 30); the answer holds its address, shown this once. */
export function useCreatePayLink(invoiceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (expiresInDays?: number) =>
      unwrap(
        api.POST("/api/invoices/{id}/pay-links/", {
          params: { path: { id: invoiceId } },
          body: expiresInDays === undefined ? {} : { expires_in_days: expiresInDays },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: payLinkKeys.ofInvoice(invoiceId) }),
  });
}

/** Disables a link at once. */
export function useRevokePayLink(invoiceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (linkId: string) => unwrap(api.POST("/api/pay-links/{id}/revoke/", { params: { path: { id: linkId } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: payLinkKeys.ofInvoice(invoiceId) }),
  });
}

/**
 * A payment made through a pay link, as its payer follows it after CinetPay's page: while it is
 * open the API asks CinetPay again first. `refetchInterval` decides when to ask next.
 */
export function usePublicPayment(
  token: string | null,
  paymentId: string,
  refetchInterval: (payment: PublicPayment | undefined) => number | false,
) {
  return useQuery({
    queryKey: payLinkKeys.payment(token ?? "", paymentId),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET("/api/public/pay/{token}/payments/{payment_id}/", {
          params: { path: { token: token ?? "", payment_id: paymentId } },
          signal,
        }),
      ),
    enabled: Boolean(token),
    staleTime: 0,
    refetchInterval: (query) => refetchInterval(query.state.data),
    // A phone back from the operator's app (the USSD prompt) asks at once.
    refetchOnWindowFocus: "always",
  });
}
