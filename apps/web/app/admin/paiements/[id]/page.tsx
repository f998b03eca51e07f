import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PaymentDetail } from "@/components/admin/payments/payment-detail";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.payments.detail");
  return { title: t("metaTitle") };
}

/** One payment for staff: facts, actions and its whole journal (the console and the invoice page link here). */
export default async function AdminPaymentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <PaymentDetail id={id} />;
}
