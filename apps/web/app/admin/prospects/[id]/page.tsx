import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ProspectDetail } from "@/components/admin/prospects/prospect-detail";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.prospects.detail");
  return { title: t("title") };
}

/** One prospect: its stage, contact, history and what comes next (a quote, the conversion). */
export default async function AdminProspectPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ProspectDetail id={id} />;
}
