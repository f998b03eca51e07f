"use client";

import { Clock, Pause, TriangleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import type { Ticket } from "@/lib/api/types";
import { formatDateTime } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { cn } from "@/lib/utils";
import { formatDuration, slaTimer } from "./sla";

/** The minute, refreshed every minute: a timer that counts down while the inbox stays open. */
export function useNow(everyMs = 60_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** "Reste 3 h 20" (blue; amber when at risk), "En retard de 1 h 15" (red), "En pause" (grey). */
export function SlaTimer({ ticket, now }: { ticket: Ticket; now: Date }) {
  const t = useTranslations("admin.support.timer");
  const locale = useAppLocale();
  const timer = slaTimer(ticket.sla, now, {
    open: ticket.status === "open" || ticket.status === "pending",
    answered: Boolean(ticket.first_responded_at),
  });
  if (timer.kind === "none") return <span className="text-muted-foreground">{t("none")}</span>;
  if (timer.kind === "paused") {
    return (
      <span className="inline-flex items-center gap-1 rounded-md bg-muted px-1.5 py-0.5 text-xs font-medium whitespace-nowrap text-muted-foreground" data-sla="paused">
        <Pause className="size-3.5" aria-hidden="true" />
        {t("paused")}
      </span>
    );
  }
  const title = t("title", { clock: t(timer.clock), date: formatDateTime(timer.due, locale) });
  const late = timer.kind === "late";
  const atRisk = timer.kind === "left" && timer.state === "at_risk";
  return (
    <span className="flex flex-col gap-0.5" title={title} data-sla={late ? "breached" : timer.state}>
      <span
        className={cn(
          "inline-flex w-fit items-center gap-1 rounded-md px-1.5 py-0.5 text-xs font-semibold whitespace-nowrap tabular-nums",
          late ? "bg-red-50 text-red-800 ring-1 ring-red-200" : atRisk ? "bg-amber-50 text-amber-900 ring-1 ring-amber-300" : "bg-sky-50 text-sky-900",
        )}
      >
        {late ? <TriangleAlert className="size-3.5" aria-hidden="true" /> : <Clock className="size-3.5" aria-hidden="true" />}
        {late ? t("late", { duration: formatDuration(timer.minutes, locale) }) : t("left", { duration: formatDuration(timer.minutes, locale) })}
      </span>
      <span className="text-xs whitespace-nowrap text-muted-foreground">{t(timer.clock)}</span>
    </span>
  );
}
