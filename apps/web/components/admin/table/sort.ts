/**
 * Server-side sorting as the API spells it (`outstanding`, `-outstanding`): which way a column is
 * sorted now, and where a click on its header takes it.
 */
export type SortDirection = "ascending" | "descending" | "none";

export function sortDirection(ordering: string, field: string): SortDirection {
  if (ordering === field) return "ascending";
  if (ordering === `-${field}`) return "descending";
  return "none";
}

/**
 * The ordering after a click on `field`'s header: the other way when it is already sorted by it,
 * else `first` (amounts start with the largest, names with A).
 */
export function nextOrdering(ordering: string, field: string, first: "asc" | "desc" = "asc"): string {
  if (ordering === field) return `-${field}`;
  if (ordering === `-${field}`) return field;
  return first === "asc" ? field : `-${field}`;
}
