import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ProspectForm } from "@/components/admin/prospects/prospect-form";
import { BackLink, PageHeader } from "@/components/states";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.prospects.form");
  return { title: t("newTitle") };
}

export default async function NewProspectPage() {
  const t = await getTranslations("admin.prospects");
  return (
    <div className="mx-auto flex max-w-3xl flex-col">
      <BackLink href="/admin/prospects" label={t("detail.back")} />
      <PageHeader title={t("form.newTitle")} description={t("form.newIntro")} />
      <ProspectForm />
    </div>
  );
}
