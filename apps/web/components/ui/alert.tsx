import * as React from "react";
import { cva, type VariantProps } from "class-variance-authority";
import { cn } from "@/lib/utils";

const alertVariants = cva("rounded-md border px-3 py-2 text-sm", {
  variants: {
    tone: {
      error: "border-red-200 bg-red-50 text-red-800",
      info: "border-sky-200 bg-sky-50 text-sky-900",
      success: "border-green-200 bg-success-bg text-success",
      warning: "border-amber-200 bg-warning-bg text-warning",
    },
  },
  defaultVariants: { tone: "error" },
});

export function Alert({ className, tone, ...props }: React.ComponentProps<"div"> & VariantProps<typeof alertVariants>) {
  return <div role={tone === "error" ? "alert" : "status"} className={cn(alertVariants({ tone }), className)} {...props} />;
}
