import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ProspectImportPage } from "@/components/admin/prospects-setup/import-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.prospects-setup.import");
  return { title: t("title") };
}

/** `/admin/prospects/import`: prospects from a CSV file, checked (a dry run) before they are imported. */
export default function AdminProspectImportPage() {
  return <ProspectImportPage />;
}
