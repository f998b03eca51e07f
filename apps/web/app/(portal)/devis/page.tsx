import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { QUOTE_FILTERS } from "@/lib/api/types";
import { QuotesClient } from "./quotes-client";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("quotes");
  return { title: t("title") };
}

/** `/devis?statut=sent` opens on that filter. */
export default async function QuotesPage({ searchParams }: { searchParams: Promise<{ statut?: string | string[] }> }) {
  const { statut } = await searchParams;
  return <QuotesClient initialFilter={QUOTE_FILTERS.find((f) => f === statut)} />;
}
