import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api/client";
import { invoiceKeys } from "@/queries/invoices";

/** Under `invoices`: a new invoice, credit note or payment anywhere refreshes it. */
export const statementKeys = {
  detail: (clientId: string, from: string, to: string) => [...invoiceKeys.all, "statement", clientId, from, to] as const,
};

/**
 * A client's statement of account over a period (staff and the client's people): the opening
 * balance, every invoice, credit note, refund and payment with the balance after it, the closing
 * balance. The previous period stays on screen while the next one loads.
 */
export function useStatement(clientId: string | undefined, period: { from: string; to: string }) {
  return useQuery({
    queryKey: statementKeys.detail(clientId ?? "", period.from, period.to),
    queryFn: ({ signal }) =>
      unwrap(api.GET("/api/clients/{id}/statement/", { params: { path: { id: clientId! }, query: { from: period.from, to: period.to } }, signal })),
    enabled: Boolean(clientId),
    placeholderData: keepPreviousData,
  });
}
