"use client";

import { Ban, BellRing, CircleCheck, CirclePlay, Hourglass, SearchCheck, ShieldAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { ListShell, SkeletonRows } from "@/components/list-shell";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatDateTime } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { cn } from "@/lib/utils";
import type { PaymentCheck, PaymentDto, PaymentNotification } from "@/lib/api/types";
import { usePaymentJournal } from "./queries";
import { checkTone, entryKey, isSuspectNotification, paymentTimeline, type TimelineEntry } from "./timeline";

function Notification({ notification }: { notification: PaymentNotification }) {
  const t = useTranslations("admin.payments.journal");
  const suspect = isSuspectNotification(notification);
  const verdict = t(`verdict.${notification.verdict}`);
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <p className="font-medium">{t("notification")}</p>
      <p className="flex flex-wrap items-center gap-2 text-sm">
        <Badge tone={suspect ? "danger" : notification.verdict === "valid" ? "success" : "neutral"}>{verdict}</Badge>
        {notification.remote_addr ? <span className="text-xs text-muted-foreground">{t("from", { address: notification.remote_addr })}</span> : null}
      </p>
      {notification.body ? (
        <details className="text-sm">
          <summary className="inline-flex min-h-8 cursor-pointer items-center font-medium text-primary">{t("body")}</summary>
          <pre className="mt-1 max-h-48 overflow-auto rounded-md bg-muted p-2 font-mono text-xs break-all whitespace-pre-wrap">{notification.body}</pre>
        </details>
      ) : null}
    </div>
  );
}

const TONE_BADGE: Record<ReturnType<typeof checkTone>, BadgeTone> = { success: "success", danger: "danger", warning: "warning", neutral: "neutral" };

function Check({ check }: { check: PaymentCheck }) {
  const t = useTranslations("admin.payments.journal");
  const trigger = t(`trigger.${check.trigger}`);
  const outcome = t(`outcome.${check.outcome}`);
  const answer = [check.code ? t("code", { code: check.code }) : null, check.status].filter(Boolean).join(" · ");
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <p className="font-medium">{t("check")}</p>
      <p className="text-sm text-muted-foreground">{t("triggeredBy", { trigger })}</p>
      <p className="flex flex-wrap items-center gap-2 text-sm">
        <Badge tone={TONE_BADGE[checkTone(check)]}>{outcome}</Badge>
        {check.http_status ? <span className="font-mono text-xs">{t("http", { status: check.http_status })}</span> : null}
        {answer ? <span className="font-mono text-xs break-all">{answer}</span> : null}
      </p>
      {check.error ? <p className="font-mono text-xs break-words text-red-800">{t("error", { error: check.error })}</p> : null}
    </div>
  );
}

function EntryBody({ entry }: { entry: TimelineEntry }) {
  const t = useTranslations("admin.payments.journal");
  switch (entry.kind) {
    case "created": {
      const what = entry.offline ? "recorded" : "initiated";
      return <p className="font-medium">{entry.by ? t(`${what}By`, { name: entry.by }) : t(what)}</p>;
    }
    case "notification":
      return <Notification notification={entry.notification} />;
    case "check":
      return <Check check={entry.check} />;
    case "settled":
      return <p className="font-medium">{t("settled")}</p>;
    case "expired":
      return <p className="font-medium">{t("expired")}</p>;
    case "voided":
      return (
        <div className="flex flex-col gap-1">
          <p className="font-medium">{t("voided")}</p>
          {entry.reason ? <p className="text-sm break-words">{t("reason", { reason: entry.reason })}</p> : null}
        </div>
      );
  }
}

function EntryIcon({ entry }: { entry: TimelineEntry }) {
  const props = { className: "size-4", "aria-hidden": true } as const;
  switch (entry.kind) {
    case "created":
      return <CirclePlay {...props} />;
    case "notification":
      return isSuspectNotification(entry.notification) ? <ShieldAlert {...props} /> : <BellRing {...props} />;
    case "check":
      return <SearchCheck {...props} />;
    case "settled":
      return <CircleCheck {...props} />;
    case "expired":
      return <Hourglass {...props} />;
    case "voided":
      return <Ban {...props} />;
  }
}

function iconTone(entry: TimelineEntry): string {
  if (entry.kind === "settled") return "bg-success-bg text-success border-green-200";
  if (entry.kind === "voided") return "bg-muted text-muted-foreground";
  if (entry.kind === "notification" && isSuspectNotification(entry.notification)) return "bg-red-50 text-red-800 border-red-200";
  if (entry.kind === "check" && checkTone(entry.check) === "danger") return "bg-red-50 text-red-800 border-red-200";
  return "bg-card text-muted-foreground";
}

/** The whole journal of a payment, oldest first, as one list of what happened. */
export function JournalTimeline({ payment }: { payment: PaymentDto }) {
  const t = useTranslations("admin.payments.journal");
  const locale = useAppLocale();
  const journal = usePaymentJournal(payment.id);
  const entries = paymentTimeline(payment, journal.data);
  return (
    <Card aria-labelledby="journal-title" data-testid="payment-journal">
      <CardHeader className="flex-col gap-1">
        <CardTitle id="journal-title">{t("title")}</CardTitle>
        <CardDescription>{t(payment.source === "offline" ? "introOffline" : "intro")}</CardDescription>
      </CardHeader>
      <CardContent>
        <ListShell query={journal} items={entries} skeleton={<SkeletonRows count={3} row="h-14" />}>
          {(list) => (
            <ol className="flex flex-col">
              {list.map((entry, index) => (
                <li key={entryKey(entry)} className="relative flex gap-3 pb-4 last:pb-0" data-testid="journal-entry" data-kind={entry.kind}>
                  {index < list.length - 1 ? <span className="absolute top-8 bottom-0 left-[15px] w-px bg-border" aria-hidden="true" /> : null}
                  <span className={cn("z-[1] flex size-8 shrink-0 items-center justify-center rounded-full border", iconTone(entry))}>
                    <EntryIcon entry={entry} />
                  </span>
                  <div className="flex min-w-0 flex-1 flex-col gap-0.5 pt-1">
                    <time dateTime={entry.at} className="text-xs text-muted-foreground tabular-nums">
                      {formatDateTime(entry.at, locale)}
                    </time>
                    <EntryBody entry={entry} />
                  </div>
                </li>
              ))}
            </ol>
          )}
        </ListShell>
      </CardContent>
    </Card>
  );
}
