import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { NewDocument } from "@/components/admin/billing/editor/editor-pages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.billing.editor");
  return { title: t("newTitle.quote") };
}

type Search = Promise<{ client?: string | string[]; projet?: string | string[] }>;
const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

/** `/admin/facturation/devis/nouveau?client=…&projet=…`: a new draft quote, its client (and project) chosen. */
export default async function NewQuotePage({ searchParams }: { searchParams: Search }) {
  const { client, projet } = await searchParams;
  return <NewDocument kind="quote" clientId={one(client)} projectId={one(projet)} />;
}
