import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { InvoiceClient } from "./invoice-client";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("invoices");
  return { title: t("detailTitle") };
}

export default async function InvoicePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <InvoiceClient id={id} />;
}
