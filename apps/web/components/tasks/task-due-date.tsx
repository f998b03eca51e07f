"use client";

import { CalendarDays } from "lucide-react";
import { formatDate } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";

/** A task's due date beside its badges: a calendar and the date, small and grey. */
export function TaskDueDate({ date }: { date: string }) {
  const locale = useAppLocale();
  return (
    <span className="inline-flex items-center gap-1 text-xs text-muted-foreground">
      <CalendarDays className="size-3.5" aria-hidden="true" />
      {formatDate(date, locale)}
    </span>
  );
}
