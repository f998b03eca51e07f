import type { Metadata } from "next";
import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/states";
import { EmailTemplatesSlot } from "@/components/admin/settings/email-templates-slot";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.email-templates");
  return { title: t("title") };
}

/** Until the settings section's own page takes its place: the email templates alone. */
export default async function EmailTemplatesSettingsPage() {
  const t = await getTranslations("admin.email-templates");
  return (
    <div className="flex flex-col">
      <PageHeader title={t("settingsTitle")} />
      {/* The list and the editor read `?modele=` and `?langue=`. */}
      <Suspense>
        <EmailTemplatesSlot />
      </Suspense>
    </div>
  );
}
