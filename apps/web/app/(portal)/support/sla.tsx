"use client";

import { useTranslations } from "next-intl";
import type { Ticket } from "@/lib/api/types";
import { formatDate, formatRelative, formatTime, isSameDay } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";

/**
 * What the client may expect: "réponse attendue avant 14:30" (the date too when not today),
 * "première réponse il y a 2 heures" once NOURX answered, or the day it was resolved or closed.
 * While the ticket waits for the client under a policy that pauses, the clocks stand still: it says so.
 */
export function SlaLine({ ticket, now = new Date() }: { ticket: Ticket; now?: Date }) {
  const t = useTranslations("support");
  const locale = useAppLocale();
  if (ticket.status === "closed") {
    return <span>{t("closedOn", { date: formatDate(ticket.closed_at ?? ticket.updated_at, locale) })}</span>;
  }
  if (ticket.status === "resolved") {
    return <span>{t("resolvedOn", { date: formatDate(ticket.resolved_at ?? ticket.updated_at, locale) })}</span>;
  }
  if (ticket.sla.first_response.state === "paused" || ticket.sla.resolution.state === "paused") {
    return <span data-testid="sla-paused">{t("slaPaused")}</span>;
  }
  if (ticket.first_responded_at) {
    return (
      <span suppressHydrationWarning>
        {t("answered", { relative: formatRelative(ticket.first_responded_at, locale, now) })}
      </span>
    );
  }
  const due = ticket.sla.first_response.due;
  const time = formatTime(due, locale);
  return (
    <span className={ticket.breached ? "font-medium text-destructive" : undefined}>
      {/* Rendered first on the server (its clock and time zone), then in the browser's. */}
      <time dateTime={due} suppressHydrationWarning>
        {isSameDay(due, now) ? t("slaToday", { time }) : t("slaLater", { date: formatDate(due, locale), time })}
      </time>
      {ticket.breached ? ` · ${t("late")}` : null}
    </span>
  );
}
