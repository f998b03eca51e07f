import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ProjectClient } from "./project-client";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("projects");
  return { title: t("title") };
}

export default async function ProjectPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ProjectClient id={id} />;
}
