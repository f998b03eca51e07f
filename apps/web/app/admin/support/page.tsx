import type { Metadata } from "next";
import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { SupportInbox } from "@/components/admin/support/inbox";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.support");
  return { title: t("title") };
}

/** `/admin/support?assignee=me&at_risk=true&page=2`: the inbox's state is in the address. */
export default function AdminSupportPage() {
  return (
    <Suspense>
      <SupportInbox />
    </Suspense>
  );
}
