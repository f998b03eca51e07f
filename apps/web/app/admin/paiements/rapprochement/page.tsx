import type { Metadata } from "next";
import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { ReconciliationPage } from "@/components/admin/reconciliation/reconciliation-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.reconciliation");
  return { title: t("title") };
}

/** `/admin/paiements/rapprochement?page=2`: import CinetPay's statement; the imports so far. */
export default function AdminReconciliationPage() {
  return (
    <Suspense>
      <ReconciliationPage />
    </Suspense>
  );
}
