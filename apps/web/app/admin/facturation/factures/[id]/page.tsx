import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { InvoiceDetail } from "@/components/admin/billing/invoice-detail";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.billing.invoice");
  return { title: t("title") };
}

/** One invoice for staff, read-only (the alerts and the search link here). */
export default async function AdminInvoicePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <InvoiceDetail id={id} />;
}
