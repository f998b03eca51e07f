import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TicketDesk } from "@/components/admin/support/ticket-desk";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.support.detail");
  return { title: t("title") };
}

/** One ticket for staff: its handling, SLA clocks, the thread with internal notes, and the reply box. */
export default async function AdminTicketPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <TicketDesk id={id} />;
}
