import type { Metadata } from "next";
import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { EmailViewer } from "@/components/admin/journal/emails";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.journal");
  return { title: t("emails.title") };
}

/** `/admin/journal/emails?to=…&status=failed&template=invitation&page=2`. */
export default function EmailsPage() {
  return (
    <Suspense>
      <EmailViewer />
    </Suspense>
  );
}
