import type { Metadata } from "next";
import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { RecurringList } from "@/components/admin/billing/recurring/recurring-list";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.billing.recurring");
  return { title: t("title") };
}

/** `/admin/facturation/recurrentes?status=paused&client=…&page=2`: the list's state is in the address. */
export default function AdminRecurringPage() {
  return (
    <Suspense>
      <RecurringList />
    </Suspense>
  );
}
