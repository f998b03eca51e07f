import type { Metadata } from "next";
import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { SupportSettings } from "@/components/admin/support-settings/settings-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.support-settings");
  return { title: t("title") };
}

export default function SupportSettingsPage() {
  return (
    // The tabs read `?onglet=`.
    <Suspense>
      <SupportSettings />
    </Suspense>
  );
}
