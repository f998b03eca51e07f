/** The part of a TanStack query (plain or infinite) that a list or record shell looks at. */
export type ShellQuery = {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data?: unknown;
  refetch: () => unknown;
};

/** The four faces of a list: skeleton, error with retry, empty state, rows. */
export type ListState = "loading" | "error" | "empty" | "ready";

/**
 * Which face a list shows. `keepDataOnError` keeps the last rows on screen when a background
 * refetch fails (a polled list), instead of swapping them for the error.
 */
export function listState(
  query: Pick<ShellQuery, "isPending" | "isError" | "data">,
  count: number,
  { keepDataOnError = false }: { keepDataOnError?: boolean } = {},
): ListState {
  if (query.isPending) return "loading";
  if (query.isError && !(keepDataOnError && query.data !== undefined)) return "error";
  return count === 0 ? "empty" : "ready";
}
