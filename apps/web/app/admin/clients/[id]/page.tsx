import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ClientDetail } from "@/components/admin/clients/client-detail";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.clients");
  return { title: t("detail.title") };
}

/** The "360°" page of one client: every section as a card, stacked with anchors on a phone. */
export default async function AdminClientPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ClientDetail id={id} />;
}
