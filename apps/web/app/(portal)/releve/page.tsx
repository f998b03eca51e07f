import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { StatementClient } from "./statement-client";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("statement");
  return { title: t("title") };
}

type Search = { periode?: string | string[]; du?: string | string[]; au?: string | string[] };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** `/releve?periode=trimestre`, `/releve?du=2026-01-01&au=2026-03-31`: the period is in the address (this year without one). */
export default async function StatementPage({ searchParams }: { searchParams: Promise<Search> }) {
  const search = await searchParams;
  const address: Record<string, string> = {};
  for (const key of ["periode", "du", "au"] as const) {
    const value = first(search[key]);
    if (value !== undefined) address[key] = value;
  }
  return <StatementClient address={address} />;
}
