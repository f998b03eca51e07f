import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { INVOICE_FILTERS } from "@/lib/api/types";
import { InvoicesClient } from "./invoices-client";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("invoices");
  return { title: t("title") };
}

/** `/factures?statut=overdue` opens on that filter (the dashboard links there). */
export default async function InvoicesPage({ searchParams }: { searchParams: Promise<{ statut?: string | string[] }> }) {
  const { statut } = await searchParams;
  const initial = INVOICE_FILTERS.find((f) => f === statut);
  return <InvoicesClient initialFilter={initial} />;
}
