import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { BackLink, PageHeader } from "@/components/states";
import { ClientForm } from "@/components/admin/forms/client-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.clients");
  return { title: t("form.newTitle") };
}

export default async function NewClientPage() {
  const t = await getTranslations("admin.clients");
  return (
    <div className="mx-auto flex max-w-3xl flex-col">
      <BackLink href="/admin/clients" label={t("backToList")} />
      <PageHeader title={t("form.newTitle")} description={t("form.newIntro")} />
      <ClientForm />
    </div>
  );
}
