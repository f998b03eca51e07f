"use client";

import { Laptop, Smartphone } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { ErrorState } from "@/components/states";
import { useToast } from "@/components/toaster";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Skeleton } from "@/components/ui/skeleton";
import { type AppLocale, formatDateTime, formatRelative } from "@/lib/format";
import { useErrorMessage } from "@/lib/use-error-message";
import { type SessionDto, useRevokeOtherSessions, useRevokeSession, useSessions } from "@/queries/sessions";

const PHONES = new Set(["Android", "iPhone", "iPad"]);

function SessionRow({ session }: { session: SessionDto }) {
  const t = useTranslations("sessions");
  const locale = useLocale() as AppLocale;
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const revoke = useRevokeSession();
  const Icon = session.os && PHONES.has(session.os) ? Smartphone : Laptop;

  return (
    <li className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between" data-testid="session-row">
      <div className="flex min-w-0 items-start gap-3">
        <Icon className="mt-0.5 size-5 shrink-0 text-muted-foreground" aria-hidden="true" />
        <div className="min-w-0">
          <p className="flex flex-wrap items-center gap-2 font-medium">
            {session.device}
            {session.current ? <Badge tone="success">{t("current")}</Badge> : null}
          </p>
          <p className="text-sm break-all text-muted-foreground">
            {session.ip ? t("address", { ip: session.ip }) : t("unknownAddress")}
          </p>
          <p className="text-sm text-muted-foreground">
            {t("signedIn", { date: formatDateTime(session.created_at, locale) })} ·{" "}
            {t("lastSeen", { when: formatRelative(session.last_seen_at, locale) })}
          </p>
        </div>
      </div>
      {session.current ? null : (
        <Button
          variant="outline"
          size="sm"
          className="self-start sm:self-center"
          aria-label={t("revokeLabel", { device: session.device })}
          disabled={revoke.isPending}
          onClick={() =>
            revoke.mutate(session.id, {
              onSuccess: () => toast.show("success", t("revoked")),
              onError: (error) => toast.show("error", errorMessage(error)),
            })
          }
        >
          {t("revoke")}
        </Button>
      )}
    </li>
  );
}

export function SessionsSection() {
  const t = useTranslations("sessions");
  const tc = useTranslations("common");
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const sessions = useSessions();
  const revokeOthers = useRevokeOtherSessions();
  const [confirming, setConfirming] = useState(false);
  const others = sessions.data?.filter((s) => !s.current).length ?? 0;

  return (
    <Card aria-labelledby="sessions-title">
      <CardHeader>
        <div>
          <CardTitle id="sessions-title">{t("title")}</CardTitle>
          <CardDescription>{t("intro")}</CardDescription>
        </div>
      </CardHeader>
      <CardContent className="flex flex-col gap-2">
        {sessions.isPending ? (
          <div className="flex flex-col gap-3" aria-hidden="true">
            <Skeleton className="h-16" />
            <Skeleton className="h-16" />
          </div>
        ) : sessions.isError ? (
          <ErrorState error={sessions.error} onRetry={() => sessions.refetch()} />
        ) : (
          <>
            <ul className="divide-y">
              {sessions.data.map((session) => (
                <SessionRow key={session.id} session={session} />
              ))}
            </ul>
            {others > 0 ? (
              <Button variant="outline" className="self-start" onClick={() => setConfirming(true)}>
                {t("revokeOthers")}
              </Button>
            ) : (
              <p className="text-sm text-muted-foreground">{t("onlyThis")}</p>
            )}
          </>
        )}
      </CardContent>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={t("revokeOthersTitle")}
        description={t("revokeOthersIntro")}
        confirmLabel={t("revokeOthers")}
        cancelLabel={tc("cancel")}
        tone="destructive"
        pending={revokeOthers.isPending}
        onConfirm={() =>
          revokeOthers.mutate(undefined, {
            onSuccess: (result) => {
              setConfirming(false);
              toast.show("success", t("revokedOthers", { count: result.revoked }));
            },
            onError: (error) => toast.show("error", errorMessage(error)),
          })
        }
      />
    </Card>
  );
}
