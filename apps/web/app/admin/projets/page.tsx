import type { Metadata } from "next";
import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { ProjectsList } from "@/components/admin/projects/projects-list";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.projects");
  return { title: t("title") };
}

/** `/admin/projets?client=…&late=true&ordering=due_date&page=2`: the list's state is in the address. */
export default function AdminProjectsPage() {
  return (
    <Suspense>
      <ProjectsList />
    </Suspense>
  );
}
