"use client";

import { Bell } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { RecordShell } from "@/components/record-shell";
import { SkeletonRows } from "@/components/list-shell";
import { TitledCard } from "@/components/titled-card";
import { useToast } from "@/components/toaster";
import { type TopicPreference, useNotificationPreferences, useSaveNotificationPreference } from "@/queries/notification-preferences";

function TopicRow({ item }: { item: TopicPreference }) {
  const t = useTranslations("profile");
  const toast = useToast();
  const save = useSaveNotificationPreference();
  // What was just clicked, shown at once (a controlled box would flip back until the cache
  // catches up), then the saved value, or the previous one after an error.
  const [clicked, setClicked] = useState<Pick<TopicPreference, "in_app" | "email"> | null>(null);
  const shown = clicked ?? { in_app: item.in_app, email: item.email };
  const choose = (change: Partial<Pick<TopicPreference, "in_app" | "email">>) => {
    const next = { ...shown, ...change };
    setClicked(next);
    save.mutate(
      { topic: item.topic, ...next },
      {
        onSuccess: () => toast.show("success", t("preferencesSaved")),
        onError: () => toast.show("error", t("preferencesFailed")),
        onSettled: () => setClicked(null),
      },
    );
  };
  const id = `topic-${item.topic}`;
  return (
    <li className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between" data-testid="notification-topic">
      <span id={id} className="text-sm font-medium">
        {item.label}
      </span>
      <div className="flex gap-5" role="group" aria-labelledby={id}>
        <label className="flex min-h-11 items-center gap-2 text-sm">
          <input
            type="checkbox"
            className="size-5 accent-primary"
            checked={shown.in_app}
            onChange={(event) => choose({ in_app: event.target.checked })}
          />
          {t("inApp")}
        </label>
        <label className="flex min-h-11 items-center gap-2 text-sm">
          <input
            type="checkbox"
            className="size-5 accent-primary"
            checked={shown.email === "instant"}
            onChange={(event) => choose({ email: event.target.checked ? "instant" : "off" })}
          />
          {t("byEmail")}
        </label>
      </div>
    </li>
  );
}

/** Per topic: in the bell, and by email. Essential emails (invoices, receipts, security) always go. */
export function NotificationPreferencesSection() {
  const t = useTranslations("profile");
  const preferences = useNotificationPreferences();
  return (
    <TitledCard titleId="notifications-title" title={t("notifications")} icon={Bell} description={t("notificationsHelp")}>
      <RecordShell query={preferences} skeleton={<SkeletonRows row="h-11" className="gap-2" />}>
        {(list) => (
          <ul className="divide-y" data-testid="notification-preferences">
            {list.map((item) => (
              <TopicRow key={item.topic} item={item} />
            ))}
          </ul>
        )}
      </RecordShell>
    </TitledCard>
  );
}
