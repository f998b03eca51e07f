import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { EditDocument } from "@/components/admin/billing/editor/editor-pages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.billing.editor");
  return { title: t("editTitle.invoice") };
}

/** A draft invoice's editor (a sent one says it can no longer change). */
export default async function EditInvoicePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <EditDocument kind="invoice" id={id} />;
}
