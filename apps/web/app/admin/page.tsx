import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin");
  return { title: t("title") };
}

export default async function AdminPage() {
  const t = await getTranslations("admin");
  return (
    <div className="flex max-w-prose flex-col gap-4">
      <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
      <p className="text-muted-foreground">{t("placeholder")}</p>
      <div className="flex flex-wrap gap-3">
        <a href="/api/docs/" className="inline-flex min-h-11 items-center rounded-md border bg-card px-4 font-medium hover:bg-accent">
          /api/docs/
        </a>
        <Link href="/" className="inline-flex min-h-11 items-center rounded-md px-4 font-medium text-primary hover:underline">
          {t("portal")}
        </Link>
      </div>
    </div>
  );
}
