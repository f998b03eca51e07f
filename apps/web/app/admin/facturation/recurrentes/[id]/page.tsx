import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { RecurringDetail } from "@/components/admin/billing/recurring/recurring-pages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.billing.recurring");
  return { title: t("detailTitle") };
}

/** A recurring invoice template: its status and actions, and its editor while it runs. */
export default async function RecurringDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <RecurringDetail id={id} />;
}
