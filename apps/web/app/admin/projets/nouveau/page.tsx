import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { NewProject } from "@/components/admin/projects/edit-project";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.projects");
  return { title: t("form.newTitle") };
}

/** `/admin/projets/nouveau?client=…`: a client's page opens the form with its client chosen. */
export default async function NewProjectPage({ searchParams }: { searchParams: Promise<{ client?: string | string[] }> }) {
  const { client } = await searchParams;
  return <NewProject clientId={typeof client === "string" ? client : undefined} />;
}
