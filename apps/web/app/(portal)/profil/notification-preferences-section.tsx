"use client";

import { Bell } from "lucide-react";
import { useTranslations } from "next-intl";
import { RecordShell } from "@/components/record-shell";
import { SkeletonRows } from "@/components/list-shell";
import { TitledCard } from "@/components/titled-card";
import { useToast } from "@/components/toaster";
import { type TopicPreference, useNotificationPreferences, useSaveNotificationPreference } from "@/queries/notification-preferences";

function TopicRow({ item }: { item: TopicPreference }) {
  const t = useTranslations("profile");
  const toast = useToast();
  const save = useSaveNotificationPreference();
  const choose = (change: Partial<Pick<TopicPreference, "in_app" | "email">>) =>
    save.mutate(
      { topic: item.topic, in_app: item.in_app, email: item.email, ...change },
      {
        onSuccess: () => toast.show("success", t("preferencesSaved")),
        onError: () => toast.show("error", t("preferencesFailed")),
      },
    );
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
            checked={item.in_app}
            onChange={(event) => choose({ in_app: event.target.checked })}
          />
          {t("inApp")}
        </label>
        <label className="flex min-h-11 items-center gap-2 text-sm">
          <input
            type="checkbox"
            className="size-5 accent-primary"
            checked={item.email === "instant"}
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
