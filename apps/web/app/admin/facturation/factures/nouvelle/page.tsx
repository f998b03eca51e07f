import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { NewDocument } from "@/components/admin/billing/editor/editor-pages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.billing.editor");
  return { title: t("newTitle.invoice") };
}

type Search = Promise<{ client?: string | string[]; projet?: string | string[] }>;
const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

/** `/admin/facturation/factures/nouvelle?client=…&projet=…`: a new draft invoice, its client (and project) chosen. */
export default async function NewInvoicePage({ searchParams }: { searchParams: Search }) {
  const { client, projet } = await searchParams;
  return <NewDocument kind="invoice" clientId={one(client)} projectId={one(projet)} />;
}
