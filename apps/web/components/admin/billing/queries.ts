import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api/client";
import type { operations } from "@/lib/api/schema";
import { invoiceKeys } from "@/queries/invoices";
import type { InvoiceListParams } from "./list-state";

type InvoiceQuery = NonNullable<operations["list_invoices"]["parameters"]["query"]>;

/** Every client's invoices for staff, a page at a time; under `invoices` so a change anywhere refreshes it. */
export function useStaffInvoices(params: InvoiceListParams) {
  const query: InvoiceQuery = params;
  return useQuery({
    queryKey: [...invoiceKeys.lists(), "staff", params] as const,
    queryFn: ({ signal }) => unwrap(api.GET("/api/invoices/", { params: { query }, signal })),
    // The previous page stays on screen while the next one loads (no flash of skeleton on paging).
    placeholderData: keepPreviousData,
  });
}
