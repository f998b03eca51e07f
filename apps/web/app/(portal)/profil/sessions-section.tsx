"use client";

import { Laptop, Smartphone } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { DashboardCard } from "@/components/dashboard-card";
import { SkeletonRows } from "@/components/list-shell";
import { useToast } from "@/components/toaster";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
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
    <>
      <DashboardCard
        titleId="sessions-title"
        title={t("title")}
        description={t("intro")}
        query={sessions}
        items={sessions.data ?? []}
        skeleton={<SkeletonRows count={2} row="h-16" className="gap-3" />}
      >
        {(rows) => (
          <div className="flex flex-col gap-2">
            <ul className="divide-y">
              {rows.map((session) => (
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
          </div>
        )}
      </DashboardCard>
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
    </>
  );
}
