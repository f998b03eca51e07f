import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { QuoteDetail } from "@/components/admin/billing/quote-detail";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.billing.quote");
  return { title: t("title") };
}

/** One quote for staff, read-only (the search links here). */
export default async function AdminQuotePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <QuoteDetail id={id} />;
}
