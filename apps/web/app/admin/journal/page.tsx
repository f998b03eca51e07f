import type { Metadata } from "next";
import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { Journal } from "@/components/admin/journal/journal";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.journal");
  return { title: t("title") };
}

/** `/admin/journal?client=…&actor=…&kind=billing&page=2`. */
export default function JournalPage() {
  return (
    <Suspense>
      <Journal />
    </Suspense>
  );
}
