import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Team } from "@/components/admin/team/team";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.team");
  return { title: t("title") };
}

export default function TeamPage() {
  return <Team />;
}
