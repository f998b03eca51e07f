import type { Metadata } from "next";
import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { InvoicesList } from "@/components/admin/billing/invoices-list";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.billing");
  return { title: t("title") };
}

/** `/admin/facturation/factures?status=overdue&ordering=-total_ttc&page=2`: the list's state is in the address. */
export default function AdminInvoicesPage() {
  return (
    <Suspense>
      <InvoicesList />
    </Suspense>
  );
}
