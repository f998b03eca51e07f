"use client";

import { CalendarDays, Mail, MessageSquare, Phone, Repeat, Users } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormError, FormField, controlProps } from "@/components/form";
import { ListShell, SkeletonRows } from "@/components/list-shell";
import { useToast } from "@/components/toaster";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Input, NativeSelect, Textarea } from "@/components/ui/input";
import { isApiError } from "@/lib/api/errors";
import { formatDateTime } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { useErrorMessage } from "@/lib/use-error-message";
import { ACTIVITY_KINDS, type LoggedActivityKind, type Prospect, type ProspectActivity } from "./pipeline";
import { useActivities, useLogActivity } from "./queries";

const ICONS = { call: Phone, meeting: Users, email: Mail, note: MessageSquare, stage_change: Repeat } as const;

/** Log a call, a meeting, an email or a note, and set the next follow-up at the same time. */
function LogActivity({ prospect }: { prospect: Prospect }) {
  const t = useTranslations("admin.prospects.activities");
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const log = useLogActivity(prospect.id);
  const [kind, setKind] = useState<LoggedActivityKind>("call");
  const [body, setBody] = useState("");
  const [followUp, setFollowUp] = useState("");
  const [errors, setErrors] = useState<{ body?: string; next_follow_up?: string; form?: string }>({});

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!body.trim()) {
      setErrors({ body: t("bodyRequired") });
      return;
    }
    setErrors({});
    log.mutate(
      { kind, body: body.trim(), ...(followUp ? { next_follow_up: followUp } : {}) },
      {
        onSuccess: () => {
          toast.show("success", t("saved"));
          setBody("");
          setFollowUp("");
        },
        onError: (error) => {
          const fields = isApiError(error) ? error.fieldErrors : {};
          setErrors({
            body: fields.body?.join(" "),
            next_follow_up: fields.next_follow_up?.join(" "),
            form: fields.body || fields.next_follow_up ? undefined : errorMessage(error),
          });
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-3 rounded-lg border bg-muted/40 p-3" aria-label={t("log")} data-testid="activity-form">
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField id="activity-kind" label={t("kind")}>
          <NativeSelect id="activity-kind" value={kind} onChange={(event) => setKind(event.target.value as LoggedActivityKind)}>
            {ACTIVITY_KINDS.map((value) => (
              <option key={value} value={value}>
                {t(`kinds.${value}`)}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField id="activity-follow-up" label={t("nextFollowUp")} hint={t("nextFollowUpHint")} error={errors.next_follow_up}>
          <Input type="date" {...controlProps("activity-follow-up", errors.next_follow_up, t("nextFollowUpHint"))} value={followUp} onChange={(event) => setFollowUp(event.target.value)} />
        </FormField>
      </div>
      <FormField id="activity-body" label={t("body")} error={errors.body}>
        <Textarea {...controlProps("activity-body", errors.body)} value={body} rows={3} maxLength={5000} onChange={(event) => setBody(event.target.value)} />
      </FormField>
      <FormError message={errors.form} />
      <div className="flex justify-end">
        <Button type="submit" disabled={log.isPending}>
          {t("save")}
        </Button>
      </div>
    </form>
  );
}

function ActivityItem({ activity }: { activity: ProspectActivity }) {
  const t = useTranslations("admin.prospects.activities");
  const locale = useAppLocale();
  const Icon = ICONS[activity.kind] ?? CalendarDays;
  return (
    <li className="flex gap-3" data-testid="activity">
      <span className="mt-0.5 flex size-8 shrink-0 items-center justify-center rounded-full bg-secondary text-secondary-foreground">
        <Icon className="size-4" aria-hidden="true" />
      </span>
      <div className="min-w-0 flex-1">
        <p className="flex flex-wrap items-baseline justify-between gap-x-2 text-sm">
          <span className="font-medium">{t("by", { kind: t(`kinds.${activity.kind}`), author: activity.author_name ?? t("system") })}</span>
          <time dateTime={activity.happened_at} className="text-xs text-muted-foreground" suppressHydrationWarning>
            {formatDateTime(activity.happened_at, locale)}
          </time>
        </p>
        <p className="mt-1 text-sm break-words whitespace-pre-line">{activity.body}</p>
      </div>
    </li>
  );
}

/** What happened with the prospect, newest first, under the form that adds to it. */
export function ProspectActivities({ prospect }: { prospect: Prospect }) {
  const t = useTranslations("admin.prospects.activities");
  const activities = useActivities(prospect.id);
  const items = activities.data?.results ?? [];
  return (
    <Card aria-labelledby="activities-title">
      <CardHeader>
        <CardTitle id="activities-title">{t("title")}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <LogActivity prospect={prospect} />
        <ListShell query={activities} items={items} skeleton={<SkeletonRows count={3} />} empty={{ text: t("empty") }}>
          {(rows) => (
            <ol className="flex flex-col gap-4" aria-label={t("title")}>
              {rows.map((activity) => (
                <ActivityItem key={activity.id} activity={activity} />
              ))}
            </ol>
          )}
        </ListShell>
      </CardContent>
    </Card>
  );
}
