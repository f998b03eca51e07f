import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PaymentsClient } from "./payments-client";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("payments");
  return { title: t("title") };
}

export default function PaymentsPage() {
  return <PaymentsClient />;
}
