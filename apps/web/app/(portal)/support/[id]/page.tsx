import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TicketClient } from "./ticket-client";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("support");
  return { title: t("thread") };
}

export default async function TicketPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <TicketClient id={id} />;
}
