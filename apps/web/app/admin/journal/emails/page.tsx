import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { EmailViewer } from "@/components/admin/journal/emails";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.journal");
  return { title: t("emails.title") };
}

export default function EmailsPage() {
  return <EmailViewer />;
}
