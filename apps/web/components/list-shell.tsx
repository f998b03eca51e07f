"use client";

import { useTranslations } from "next-intl";
import { EmptyState, ErrorState, LoadingState } from "@/components/states";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { listState, type ShellQuery } from "@/lib/list-state";
import { cn } from "@/lib/utils";

/** Grey rows standing in for a list while it loads; `row` sizes each one, `className` lays them out. */
export function SkeletonRows({ count = 3, row = "h-14", className }: { count?: number; row?: string; className?: string }) {
  return (
    <div className={cn("flex flex-col gap-2", className)}>
      {Array.from({ length: count }, (_, i) => (
        <Skeleton key={i} className={row} />
      ))}
    </div>
  );
}

export type ListShellProps<T> = {
  query: ShellQuery;
  /** What the list shows once loaded (already filtered): none of them makes the empty state. */
  items: T[];
  /** The empty state: what it means, and what to do next. Without it, an empty list renders `children`. */
  empty?: { text: string; action?: React.ReactNode };
  /** Stands in for the rows while loading; three rows by default. */
  skeleton?: React.ReactNode;
  /** Read to screen readers while loading; "Chargement…" by default. */
  loadingLabel?: string;
  /** Keep the rows on screen when a background refetch fails (polled lists). */
  keepDataOnError?: boolean;
  children: (items: T[]) => React.ReactNode;
};

/** One list's loading, error (with retry), empty and loaded faces: every list of the portal goes through it. */
export function ListShell<T>({ query, items, empty, skeleton, loadingLabel, keepDataOnError, children }: ListShellProps<T>) {
  const state = listState(query, items.length, { keepDataOnError });
  if (state === "loading") return <LoadingState skeleton={skeleton ?? <SkeletonRows />} label={loadingLabel} />;
  if (state === "error") return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  if (state === "empty" && empty) return <EmptyState text={empty.text} action={empty.action} />;
  return children(items);
}

/** "Load more" under a paged list (an infinite query); nothing once the last page is in. */
export function LoadMoreButton({
  query,
  label,
}: {
  query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown };
  label: string;
}) {
  const tc = useTranslations("common");
  if (!query.hasNextPage) return null;
  return (
    <Button variant="outline" className="self-center" onClick={() => query.fetchNextPage()} disabled={query.isFetchingNextPage}>
      {query.isFetchingNextPage ? tc("loading") : label}
    </Button>
  );
}
