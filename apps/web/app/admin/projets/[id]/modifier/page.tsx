import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { EditProject } from "@/components/admin/projects/edit-project";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.projects");
  return { title: t("form.editTitle") };
}

export default async function EditProjectPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <EditProject id={id} />;
}
