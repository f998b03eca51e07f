"use client";

import Link from "next/link";
import { Download } from "lucide-react";
import { useTranslations } from "next-intl";
import { buttonVariants } from "@/components/ui/button";
import type { Quote } from "@/lib/api/types";
import { cn } from "@/lib/utils";

/** The top of a quote or an invoice page: "Devis DV-…" and its status, then its subject and its project. */
export function BillingHeading({
  heading,
  number,
  badge,
  document,
}: {
  heading: string;
  number: string;
  badge: React.ReactNode;
  document: Pick<Quote, "title" | "project_id" | "project_name">;
}) {
  const t = useTranslations("billing");
  const common = useTranslations("common");
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">
          {heading} <span className="tabular-nums">{number}</span>
        </h1>
        {badge}
      </div>
      {document.title ? <p className="break-words">{document.title}</p> : null}
      {document.project_id && document.project_name ? (
        <p className="text-sm text-muted-foreground">
          {common("labelled", { label: t("project") })}{" "}
          <Link href={`/projets/${document.project_id}`} className="font-medium text-primary hover:underline">
            {document.project_name}
          </Link>
        </p>
      ) : null}
    </div>
  );
}

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
