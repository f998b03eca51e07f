import type { Metadata } from "next";
import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { PaymentsList } from "@/components/admin/payments/payments-list";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.payments");
  return { title: t("title") };
}

/** `/admin/paiements?source=offline&status=flagged&page=2`: the console's state is in the address. */
export default function AdminPaymentsPage() {
  return (
    <Suspense>
      <PaymentsList />
    </Suspense>
  );
}
