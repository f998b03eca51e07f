import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { QuoteClient } from "./quote-client";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("quotes");
  return { title: t("detailTitle") };
}

export default async function QuotePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <QuoteClient id={id} />;
}
