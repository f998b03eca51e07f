"use client";

import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import type { InvitationStatus } from "@/lib/api/admin";

export function ClientStatusBadge({ status }: { status: string }) {
  const t = useTranslations("admin.clients");
  return <Badge tone={status === "archived" ? "neutral" : "success"}>{status === "archived" ? t("status.archived") : t("status.active")}</Badge>;
}

const INVITATION_TONE = { pending: "info", accepted: "success", expired: "warning", revoked: "neutral" } as const;

export function InvitationStatusBadge({ status }: { status: InvitationStatus }) {
  const t = useTranslations("admin.clients");
  return <Badge tone={INVITATION_TONE[status] ?? "neutral"}>{t(`invitations.status.${status}`)}</Badge>;
}
