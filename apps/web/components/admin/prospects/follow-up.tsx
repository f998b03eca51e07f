"use client";

import { CalendarClock } from "lucide-react";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { formatDate } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { cn } from "@/lib/utils";
import { isOverdue, today } from "./pipeline";

/** « Relance 23/11/2026 », in red with « en retard » once the day has passed. */
export function FollowUp({ date, stageKind, className }: { date: string; stageKind?: string; className?: string }) {
  const t = useTranslations("admin.prospects.followUp");
  const locale = useAppLocale();
  // A closed prospect's follow-up is no longer anyone's job.
  const late = stageKind !== "won" && stageKind !== "lost" && isOverdue(date);
  const due = !late && date === today();
  return (
    <Badge tone={late ? "danger" : due ? "warning" : "neutral"} className={cn("max-w-full shrink whitespace-normal", className)} suppressHydrationWarning>
      <CalendarClock aria-hidden="true" />
      {t("label", { date: formatDate(date, locale) })}
      {late ? ` · ${t("overdue")}` : due ? ` · ${t("today")}` : null}
    </Badge>
  );
}
