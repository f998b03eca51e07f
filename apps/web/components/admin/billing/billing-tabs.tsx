"use client";

import Link from "next/link";
import { Plus } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";
import type { DocumentKind } from "./editor/document-form";
import { INVOICES_PATH, QUOTES_PATH, RECURRING_PATH, newPath } from "./paths";

/** "Factures | Devis | Récurrentes": the billing desk's lists, the current one marked for screen readers too. */
export function BillingTabs({ current }: { current: DocumentKind | "recurring" }) {
  const t = useTranslations("admin.billing.tabs");
  const tab = (kind: DocumentKind | "recurring", href: string) => (
    <Link
      href={href}
      aria-current={current === kind ? "page" : undefined}
      className={cn(
        "-mb-px inline-flex min-h-11 items-center border-b-2 px-3 text-sm font-medium",
        current === kind ? "border-primary text-foreground" : "border-transparent text-muted-foreground hover:text-foreground",
      )}
    >
      {t(kind)}
    </Link>
  );
  return (
    <nav aria-label={t("label")} className="mb-4 flex gap-1 overflow-x-auto border-b">
      {tab("invoice", INVOICES_PATH)}
      {tab("quote", QUOTES_PATH)}
      {tab("recurring", RECURRING_PATH)}
    </nav>
  );
}

/** "Nouvelle facture" / "Nouveau devis", for a client (and project) when given. */
export function NewDocumentButton({ kind, client, project, variant = "default" }: { kind: DocumentKind; client?: string | null; project?: string | null; variant?: "default" | "outline" }) {
  const t = useTranslations("admin.billing.tabs");
  return (
    <Button asChild variant={variant}>
      <Link href={newPath(kind, { client, project })}>
        <Plus aria-hidden="true" />
        {t(kind === "invoice" ? "newInvoice" : "newQuote")}
      </Link>
    </Button>
  );
}
