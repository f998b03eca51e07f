import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ProfileClient } from "./profile-client";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("profile");
  return { title: t("title") };
}

export default function ProfilePage() {
  return <ProfileClient />;
}
