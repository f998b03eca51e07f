import type { Metadata } from "next";
import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { ImportDetail } from "@/components/admin/reconciliation/import-detail";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.reconciliation.detail");
  return { title: t("metaTitle") };
}

/** One import of CinetPay's statement: `?verdict=all&page=2` (the problems by default). */
export default async function AdminReconciliationImportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <Suspense>
      <ImportDetail id={id} />
    </Suspense>
  );
}
