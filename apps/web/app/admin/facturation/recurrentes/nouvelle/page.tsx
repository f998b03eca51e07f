import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { NewRecurring } from "@/components/admin/billing/recurring/recurring-pages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.billing.recurring");
  return { title: t("newTitle") };
}

type Search = Promise<{ client?: string | string[] }>;

/** `/admin/facturation/recurrentes/nouvelle?client=…`: a new recurring invoice template. */
export default async function NewRecurringPage({ searchParams }: { searchParams: Search }) {
  const { client } = await searchParams;
  return <NewRecurring clientId={typeof client === "string" ? client : undefined} />;
}
