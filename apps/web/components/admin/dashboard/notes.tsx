import { Icon } from "@/components/admin/icons";
import { cn } from "@/lib/utils";

/** An empty section: what it will show and, where there is one, what to do. */
export function EmptyNote({ text, className }: { text: string; className?: string }) {
  return (
    <div className={cn("flex items-start gap-2 rounded-md border border-dashed px-3 py-4 text-sm text-muted-foreground", className)}>
      <Icon name="Inbox" className="mt-0.5 size-4" />
      <p className="max-w-prose">{text}</p>
    </div>
  );
}

/** A section the API cannot answer yet (404) or could not answer now (error). */
export function ProblemNote({ text, kind, className }: { text: string; kind: "missing" | "error"; className?: string }) {
  return (
    <div
      role={kind === "error" ? "alert" : undefined}
      className={cn(
        "flex items-start gap-2 rounded-md border px-3 py-4 text-sm",
        kind === "error" ? "border-red-200 bg-red-50 text-red-900" : "border-dashed text-muted-foreground",
        className,
      )}
    >
      <Icon name={kind === "missing" ? "Clock" : "CircleAlert"} className="mt-0.5 size-4" />
      <p className="max-w-prose">{text}</p>
    </div>
  );
}
