import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/lib/utils";

/** Stand-ins while a section's data streams in (the frame and the period picker are already there). */
export function KpiSkeleton() {
  return (
    <div aria-hidden="true" className="flex flex-col gap-2">
      <div className="grid grid-cols-2 gap-2 sm:grid-cols-3 xl:grid-cols-5">
        {Array.from({ length: 5 }, (_, i) => (
          <Skeleton key={i} className="h-[5.25rem]" />
        ))}
      </div>
      <div className="grid grid-cols-2 gap-2 sm:grid-cols-3 xl:grid-cols-6">
        {Array.from({ length: 6 }, (_, i) => (
          <Skeleton key={i} className="h-16" />
        ))}
      </div>
    </div>
  );
}

export function CardSkeleton({ className, tall = false }: { className?: string; tall?: boolean }) {
  return (
    <div aria-hidden="true" className={cn("flex flex-col gap-3 rounded-lg border bg-card p-4", className)}>
      <Skeleton className="h-5 w-40" />
      <Skeleton className={tall ? "h-56" : "h-40"} />
    </div>
  );
}

/** The pipeline's six figures while they come. */
export function PipelineSkeleton() {
  return (
    <div aria-hidden="true" className="flex flex-col gap-2">
      <Skeleton className="h-5 w-40" />
      <div className="grid grid-cols-2 gap-2 sm:grid-cols-3">
        {Array.from({ length: 6 }, (_, i) => (
          <Skeleton key={i} className="h-[5.25rem]" />
        ))}
      </div>
    </div>
  );
}
