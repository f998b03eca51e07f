import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { EditClient } from "@/components/admin/clients/edit-client";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.clients");
  return { title: t("form.editTitle") };
}

export default async function EditClientPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <EditClient id={id} />;
}
