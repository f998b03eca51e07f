import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PaymentClient } from "./payment-client";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("payments.return");
  return { title: t("title") };
}

/** Where CinetPay sends the browser back (through the API's `/api/payments/return/`). */
export default async function PaymentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <PaymentClient id={id} />;
}
