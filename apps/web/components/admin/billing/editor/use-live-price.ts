"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { useWatch, type Control } from "react-hook-form";
import { isApiError } from "@/lib/api/errors";
import type { Price } from "@/lib/api/types";
import { desk } from "../desk-api";
import { mapServerErrors, priceRequest, type FormPath, type PricedLinesValues } from "./document-form";

/** Waits until `value` has stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export type LivePrice = {
  /** The server's totals of the form (the last ones that could be computed while a field is wrong). */
  price: Price | undefined;
  /** Each form row's HT, for the rows that were priced. */
  lineTotals: Map<number, number>;
  /** The server's messages for the form's fields, when it refused the lines. */
  errors: Partial<Record<FormPath, string>>;
  /** Whether what shows is behind the form (being computed, or a field cannot be read). */
  stale: boolean;
  /** Whether the form cannot be priced as it stands (a number cannot be read, or the server refused a line). */
  blocked: boolean;
  pending: boolean;
};

/**
 * An editor's live totals, for any form with lines and a discount (a quote's, an invoice's, a
 * recurring template's): `POST /api/billing/price/` 300 ms after the last change of a line or of
 * the discount. The server computes; this only shows its answer (and its per-line errors).
 */
export function useLivePrice<T extends PricedLinesValues>(control: Control<T>): LivePrice {
  // react-hook-form cannot find `lines` among the paths of a form type still unknown; every `T` has them.
  const [lines, discount] = useWatch({ control: control as unknown as Control<PricedLinesValues>, name: ["lines", "discount"] });
  // A string, so that a re-render with the same values does not start another request.
  const request = useMemo(() => JSON.stringify(priceRequest({ lines: lines ?? [], discount: discount ?? "" })), [lines, discount]);
  const settled = useDebounced(request, 300);
  const parsed = useMemo(() => JSON.parse(settled) as ReturnType<typeof priceRequest>, [settled]);
  const query = useQuery({
    // The rows are part of the key: a blank line added above moves every row without changing the body.
    queryKey: ["billing", "price", parsed] as const,
    queryFn: async ({ signal }) => ({ price: await desk.price(parsed!.body, signal), rows: parsed!.rows }),
    enabled: parsed !== null && parsed.rows.length > 0,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: Infinity,
  });

  const empty = parsed !== null && parsed.rows.length === 0;
  const lineTotals = useMemo(() => {
    const totals = new Map<number, number>();
    if (!query.data || query.isPlaceholderData || empty) return totals;
    query.data.rows.forEach((row, index) => {
      const item = query.data.price.items[index];
      if (item) totals.set(row, item.total_ht);
    });
    return totals;
  }, [query.data, query.isPlaceholderData, empty]);
  const errors = useMemo(
    () => (query.isError && isApiError(query.error) && parsed ? mapServerErrors(query.error.fieldErrors, parsed.rows).fields : {}),
    [query.isError, query.error, parsed],
  );

  return {
    price: empty ? undefined : query.data?.price,
    lineTotals,
    errors,
    stale: request !== settled || parsed === null || query.isPlaceholderData || query.isError,
    blocked: parsed === null || query.isError,
    pending: query.isFetching || request !== settled,
  };
}
