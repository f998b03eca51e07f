import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ProjectClient } from "./project-client";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("projects");
  return { title: t("title") };
}

/** `/projets/{id}?tache={task}` opens that task's sheet; `#jalon-{milestone}` scrolls to the milestone. */
export default async function ProjectPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ tache?: string | string[] }>;
}) {
  const { id } = await params;
  const { tache } = await searchParams;
  return <ProjectClient id={id} taskId={typeof tache === "string" && tache ? tache : undefined} />;
}
