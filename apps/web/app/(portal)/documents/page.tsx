import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { DocumentsClient } from "./documents-client";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("documents");
  return { title: t("title") };
}

export default function DocumentsPage() {
  return <DocumentsClient />;
}
