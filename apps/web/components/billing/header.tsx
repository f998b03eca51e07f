"use client";

import { Download } from "lucide-react";
import { useTranslations } from "next-intl";
import { buttonVariants } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/lib/utils";

/** One fact of a quote or an invoice header: a label above its value. */
export function Fact({ label, children, className }: { label: string; children: React.ReactNode; className?: string }) {
  return (
    <div className={cn("flex min-w-0 flex-col gap-0.5", className)}>
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="font-medium tabular-nums">{children}</dd>
    </div>
  );
}

/**
 * The PDF as a plain link: the browser (or the phone's PDF viewer) opens it in a new tab, and
 * "save" works everywhere, with the session cookie the API checks.
 */
export function PdfLink({
  href,
  number,
  variant = "default",
}: {
  href: string;
  number: string;
  /** Outline beside a more important action (accepting a quote). */
  variant?: "default" | "outline";
}) {
  const t = useTranslations("billing");
  return (
    <a
      href={href}
      target="_blank"
      rel="noopener"
      aria-label={t("pdfLabel", { number })}
      className={cn(buttonVariants({ variant }), "w-full sm:w-auto sm:self-start")}
      data-testid="pdf-link"
    >
      <Download aria-hidden="true" />
      {t("pdf")}
    </a>
  );
}

export function BillingHeaderSkeleton() {
  return (
    <div className="flex flex-col gap-3" aria-hidden="true">
      <Skeleton className="h-8 w-2/3" />
      <Skeleton className="h-4 w-1/2" />
      <Skeleton className="h-36" />
      <Skeleton className="h-48" />
    </div>
  );
}
