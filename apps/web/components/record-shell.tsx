"use client";

import { ErrorState, LoadingState } from "@/components/states";
import { Skeleton } from "@/components/ui/skeleton";
import { listState, type ShellQuery } from "@/lib/list-state";

/**
 * One record's loading and error faces, the twin of `ListShell` for a detail page or a card over
 * one object: the skeleton, the error with retry, else `children` with the record.
 */
export function RecordShell<D>({
  query,
  skeleton,
  children,
}: {
  query: ShellQuery & { data: D | undefined };
  skeleton: React.ReactNode;
  children: (data: D) => React.ReactNode;
}) {
  const state = listState(query, 1);
  if (state === "error") return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  if (state === "loading" || query.data === undefined) return <LoadingState skeleton={skeleton} />;
  return children(query.data);
}

/** A detail page's skeleton: its title, a line under it, then one grey block per section (`blocks` sizes them). */
export function DetailSkeleton({ blocks = ["h-20"] }: { blocks?: string[] }) {
  return (
    <div className="flex flex-col gap-3">
      <Skeleton className="h-8 w-2/3" />
      <Skeleton className="h-4 w-1/2" />
      {blocks.map((block, i) => (
        <Skeleton key={i} className={block} />
      ))}
    </div>
  );
}
