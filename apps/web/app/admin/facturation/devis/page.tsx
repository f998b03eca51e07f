import type { Metadata } from "next";
import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { QuotesList } from "@/components/admin/billing/quotes-list";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.billing.quotes");
  return { title: t("title") };
}

/** `/admin/facturation/devis?status=accepted&client=…&ordering=-total_ttc&page=2`: the list's state is in the address. */
export default function AdminQuotesPage() {
  return (
    <Suspense>
      <QuotesList />
    </Suspense>
  );
}
