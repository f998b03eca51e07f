import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { InvoiceClient } from "./invoice-client";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("invoices");
  return { title: t("detailTitle") };
}

/** `/factures/{id}?payer=1` opens the pay dialog at once (the dashboard and the return page link there). */
export default async function InvoicePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ payer?: string | string[] }>;
}) {
  const { id } = await params;
  const { payer } = await searchParams;
  return <InvoiceClient id={id} payNow={payer === "1"} />;
}
