import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ProjectDetail } from "@/components/admin/projects/project-detail";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.projects");
  return { title: t("detail.title") };
}

export default async function AdminProjectPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ProjectDetail id={id} />;
}
