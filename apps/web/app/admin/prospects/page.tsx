import type { Metadata } from "next";
import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { ProspectsPage } from "@/components/admin/prospects/prospects-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.prospects");
  return { title: t("title") };
}

/** `/admin/prospects?vue=liste&owner=me&due=1`: the view and the list's filters are in the address. */
export default function AdminProspectsPage() {
  return (
    <Suspense>
      <ProspectsPage />
    </Suspense>
  );
}
