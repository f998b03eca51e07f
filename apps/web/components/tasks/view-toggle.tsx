"use client";

import { KanbanSquare, List } from "lucide-react";
import { useTranslations } from "next-intl";
import { cn } from "@/lib/utils";

export type TaskView = "board" | "list";

/** Board or list, as two toggle buttons. */
export function ViewToggle({ value, onChange }: { value: TaskView; onChange: (view: TaskView) => void }) {
  const t = useTranslations("projects");
  const options: { view: TaskView; label: string; icon: typeof List }[] = [
    { view: "board", label: t("board"), icon: KanbanSquare },
    { view: "list", label: t("list"), icon: List },
  ];
  return (
    <div role="group" aria-label={t("view")} className="inline-flex rounded-md border bg-card p-0.5">
      {options.map(({ view, label, icon: Icon }) => (
        <button
          key={view}
          type="button"
          aria-pressed={value === view}
          onClick={() => onChange(view)}
          className={cn(
            "inline-flex min-h-11 min-w-11 items-center gap-1.5 rounded-[5px] px-3 text-sm font-medium",
            value === view ? "bg-primary text-primary-foreground" : "hover:bg-accent",
          )}
        >
          <Icon className="size-4" aria-hidden="true" />
          {label}
        </button>
      ))}
    </div>
  );
}
