import { cn } from "@/lib/utils";

export function Skeleton({ className, ...props }: React.ComponentProps<"span">) {
  return <span aria-hidden="true" className={cn("block animate-pulse rounded-md bg-muted", className)} {...props} />;
}
