import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { StagesPage } from "@/components/admin/prospects-setup/stages-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.prospects-setup.stages");
  return { title: t("title") };
}

/** `/admin/prospects/etapes`: the pipeline's stages, in order; admins change them, staff read them. */
export default function AdminPipelineStagesPage() {
  return <StagesPage />;
}
