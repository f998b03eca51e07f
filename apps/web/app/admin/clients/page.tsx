import type { Metadata } from "next";
import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { ClientsList } from "@/components/admin/clients/clients-list";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.clients");
  return { title: t("title") };
}

/** `/admin/clients?status=active&ordering=-outstanding&page=2`: the list's state is in the address. */
export default function AdminClientsPage() {
  return (
    <Suspense>
      <ClientsList />
    </Suspense>
  );
}
