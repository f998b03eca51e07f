"use client";

import { KeyRound, RotateCw, UserPlus, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { FormError, FormField, applyApiErrors, controlProps } from "@/components/form";
import { ListShell, SkeletonRows } from "@/components/list-shell";
import { PageHeader } from "@/components/states";
import { useToast } from "@/components/toaster";
import { DataTable, type Column } from "@/components/admin/table/data-table";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input, NativeSelect } from "@/components/ui/input";
import { isAdmin, type StaffInvitation, type StaffRole, type TeamMember } from "@/lib/api/admin";
import { formatDate, formatDateTime } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { useErrorMessage } from "@/lib/use-error-message";
import { email, text, type Infer, z } from "@/lib/validation";
import { useMe } from "@/queries/me";
import { useInviteStaff, useResetTwoFactor, useStaffInvitationAction, useTeam, useUpdateStaff } from "@/queries/admin-team";

const ROLES: StaffRole[] = ["admin", "staff"];
/** The team lists staff only: anything but `admin` is `staff`. */
const staffRoleOf = (role: TeamMember["role"]): StaffRole => (role === "admin" ? "admin" : "staff");

function InviteStaffDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const t = useTranslations("admin.team");
  const tc = useTranslations("common");
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const invite = useInviteStaff();
  const [formError, setFormError] = useState<string>();
  const schema = z.object({
    email: email(t("invite.errors.email")),
    full_name: text({ required: t("invite.errors.name"), max: 200 }),
    role: z.enum(["admin", "staff"]),
    locale: z.enum(["fr", "en"]),
  });
  type Values = Infer<typeof schema>;
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { email: "", full_name: "", role: "staff", locale: "fr" } });
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(undefined);
    try {
      await invite.mutateAsync(values);
      toast.show("success", t("invite.sent", { email: values.email }));
      form.reset();
      onOpenChange(false);
    } catch (error) {
      setFormError(applyApiErrors(error, form.setError, ["email", "full_name", "role", "locale"], errorMessage));
    }
  });
  return (
    <Dialog open={open} onOpenChange={(next) => (invite.isPending ? undefined : onOpenChange(next))}>
      <DialogContent closeLabel={tc("close")}>
        <DialogHeader>
          <DialogTitle>{t("invite.title")}</DialogTitle>
          <DialogDescription>{t("invite.text")}</DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
          <FormField id="staff-name" label={t("invite.name")} error={errors.full_name?.message}>
            <Input {...controlProps("staff-name", errors.full_name?.message)} {...form.register("full_name")} autoComplete="off" />
          </FormField>
          <FormField id="staff-email" label={t("invite.email")} error={errors.email?.message}>
            <Input {...controlProps("staff-email", errors.email?.message)} {...form.register("email")} type="email" inputMode="email" autoComplete="off" />
          </FormField>
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField id="staff-role" label={t("invite.role")} error={errors.role?.message} hint={t("invite.roleHint")}>
              <NativeSelect {...controlProps("staff-role", errors.role?.message, t("invite.roleHint"))} {...form.register("role")}>
                {ROLES.map((role) => (
                  <option key={role} value={role}>
                    {t(`roles.${role}`)}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
            <FormField id="staff-locale" label={tc("language")} error={errors.locale?.message}>
              <NativeSelect {...controlProps("staff-locale", errors.locale?.message)} {...form.register("locale")}>
                <option value="fr">{tc("languages.fr")}</option>
                <option value="en">{tc("languages.en")}</option>
              </NativeSelect>
            </FormField>
          </div>
          <FormError message={formError} />
          <Button type="submit" disabled={invite.isPending} className="sm:self-end">
            {invite.isPending ? tc("sending") : t("invite.send")}
          </Button>
        </form>
      </DialogContent>
    </Dialog>
  );
}

type Pending = { kind: "deactivate" | "reactivate" | "reset"; member: TeamMember } | null;

/** An admin's controls over one member of staff: role, deactivate or reactivate, reset 2FA. Never on oneself. */
function MemberActions({ member, onConfirm }: { member: TeamMember; onConfirm: (pending: Pending) => void }) {
  const t = useTranslations("admin.team");
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const update = useUpdateStaff();
  return (
    <span className="flex flex-wrap items-center gap-1">
      <NativeSelect
        aria-label={t("actions.roleOf", { name: member.full_name || member.email })}
        className="h-11 w-auto"
        value={member.role}
        disabled={update.isPending}
        onChange={async (event) => {
          try {
            await update.mutateAsync({ id: member.id, role: event.target.value as StaffRole });
            toast.show("success", t("actions.roleChanged"));
          } catch (error) {
            toast.show("error", errorMessage(error));
          }
        }}
      >
        {ROLES.map((role) => (
          <option key={role} value={role}>
            {t(`roles.${role}`)}
          </option>
        ))}
      </NativeSelect>
      {member.two_factor_enabled ? (
        <Button variant="ghost" size="sm" onClick={() => onConfirm({ kind: "reset", member })}>
          <KeyRound aria-hidden="true" />
          {t("actions.reset2fa")}
        </Button>
      ) : null}
      <Button variant="ghost" size="sm" className={member.is_active ? "text-destructive" : undefined} onClick={() => onConfirm({ kind: member.is_active ? "deactivate" : "reactivate", member })}>
        {member.is_active ? t("actions.deactivate") : t("actions.reactivate")}
      </Button>
    </span>
  );
}

function InvitationsCard({ invitations, canManage }: { invitations: StaffInvitation[]; canManage: boolean }) {
  const t = useTranslations("admin.team");
  const tc = useTranslations("common");
  const locale = useAppLocale();
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const action = useStaffInvitationAction();
  const [revoking, setRevoking] = useState<StaffInvitation | null>(null);
  if (invitations.length === 0) return null;
  return (
    <Card className="mt-4" aria-labelledby="staff-invitations-title">
      <CardHeader>
        <CardTitle id="staff-invitations-title">{t("invitations.title")}</CardTitle>
      </CardHeader>
      <CardContent>
        <ul className="divide-y">
          {invitations.map((invitation) => (
            <li key={invitation.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span className="flex min-w-0 flex-col">
                <span className="font-medium break-all">{invitation.full_name || invitation.email}</span>
                <span className="text-xs break-all text-muted-foreground">
                  {invitation.email} · {t(`roles.${staffRoleOf(invitation.role)}`)}
                  {invitation.expires_at ? ` · ${t("invitations.expiresOn", { date: formatDate(invitation.expires_at, locale) })}` : null}
                </span>
              </span>
              <span className="flex items-center gap-1">
                <Badge tone={invitation.status === "expired" ? "warning" : "info"}>{t(`invitations.status.${invitation.status ?? "pending"}`)}</Badge>
                {canManage ? (
                  <>
                    <Button
                      variant="ghost"
                      size="icon"
                      aria-label={t("invitations.resend", { email: invitation.email })}
                      disabled={action.isPending}
                      onClick={async () => {
                        try {
                          await action.mutateAsync({ action: "resend", id: invitation.id });
                          toast.show("success", t("invitations.resent", { email: invitation.email }));
                        } catch (error) {
                          toast.show("error", errorMessage(error));
                        }
                      }}
                    >
                      <RotateCw aria-hidden="true" />
                    </Button>
                    <Button variant="ghost" size="icon" aria-label={t("invitations.revoke", { email: invitation.email })} onClick={() => setRevoking(invitation)}>
                      <X aria-hidden="true" />
                    </Button>
                  </>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      </CardContent>
      <ConfirmDialog
        open={revoking !== null}
        onOpenChange={(open) => (open ? undefined : setRevoking(null))}
        title={t("invitations.revokeTitle")}
        description={t("invitations.revokeText", { email: revoking?.email ?? "" })}
        confirmLabel={t("invitations.revokeConfirm")}
        cancelLabel={tc("cancel")}
        tone="destructive"
        pending={action.isPending}
        onConfirm={async () => {
          if (!revoking) return;
          try {
            await action.mutateAsync({ action: "revoke", id: revoking.id });
            toast.show("success", t("invitations.revoked"));
            setRevoking(null);
          } catch (error) {
            toast.show("error", errorMessage(error));
          }
        }}
      />
    </Card>
  );
}

export function Team() {
  const t = useTranslations("admin.team");
  const tc = useTranslations("common");
  const locale = useAppLocale();
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const me = useMe();
  const team = useTeam();
  const update = useUpdateStaff();
  const reset = useResetTwoFactor();
  const canManage = isAdmin(me.data);
  const [inviting, setInviting] = useState(false);
  const [pending, setPending] = useState<Pending>(null);
  const members = team.data?.members ?? [];

  const confirm = async () => {
    if (!pending) return;
    const { kind, member } = pending;
    try {
      if (kind === "reset") await reset.mutateAsync(member.id);
      else await update.mutateAsync({ id: member.id, is_active: kind === "reactivate" });
      toast.show("success", t(`actions.${kind}Done`, { name: member.full_name || member.email }));
      setPending(null);
    } catch (error) {
      toast.show("error", errorMessage(error));
    }
  };

  const name = (member: TeamMember) => (
    <span className="flex flex-col">
      <span className="font-medium">
        {member.full_name || member.email}
        {member.id === me.data?.id ? <span className="ml-1 text-xs font-normal text-muted-foreground">({t("you")})</span> : null}
      </span>
      <span className="text-xs break-all text-muted-foreground">{member.email}</span>
    </span>
  );
  const badges = (member: TeamMember) => (
    <span className="flex flex-wrap gap-1">
      <Badge tone={member.role === "admin" ? "progress" : "neutral"}>{t(`roles.${staffRoleOf(member.role)}`)}</Badge>
      <Badge tone={member.two_factor_enabled ? "success" : "warning"}>{member.two_factor_enabled ? t("twoFactorOn") : t("twoFactorOff")}</Badge>
      {member.is_active ? null : <Badge tone="danger">{t("inactive")}</Badge>}
    </span>
  );
  const lastLogin = (member: TeamMember) => (member.last_login_at ? formatDateTime(member.last_login_at, locale) : t("never"));
  const actions = (member: TeamMember) => (canManage && member.id !== me.data?.id ? <MemberActions member={member} onConfirm={setPending} /> : null);

  const columns: Column<TeamMember>[] = [
    { key: "name", header: t("columns.name"), cell: name },
    { key: "status", header: t("columns.status"), cell: badges },
    { key: "login", header: t("columns.lastLogin"), cell: (member) => <span className="whitespace-nowrap tabular-nums">{lastLogin(member)}</span> },
    ...(canManage ? [{ key: "actions", header: t("columns.actions"), cell: actions }] : []),
  ];

  return (
    <div>
      <PageHeader
        title={t("title")}
        description={canManage ? t("intro") : t("introStaff")}
        actions={
          canManage ? (
            <Button onClick={() => setInviting(true)}>
              <UserPlus aria-hidden="true" />
              {t("invite.open")}
            </Button>
          ) : null
        }
      />
      <ListShell query={team} items={members} empty={{ text: t("empty") }} skeleton={<SkeletonRows count={4} row="h-12" />}>
        {(rows) => (
          <DataTable
            label={t("title")}
            testId="team-table"
            rows={rows}
            rowKey={(member) => member.id}
            columns={columns}
            card={(member) => (
              <div className="flex flex-col gap-2 rounded-lg border bg-card p-4">
                {name(member)}
                {badges(member)}
                <span className="text-xs text-muted-foreground">{t("lastLoginLine", { date: lastLogin(member) })}</span>
                {actions(member)}
              </div>
            )}
          />
        )}
      </ListShell>
      <InvitationsCard invitations={team.data?.invitations ?? []} canManage={canManage} />
      {canManage ? <InviteStaffDialog open={inviting} onOpenChange={setInviting} /> : null}
      <ConfirmDialog
        open={pending !== null}
        onOpenChange={(open) => (open ? undefined : setPending(null))}
        title={pending ? t(`actions.${pending.kind}Title`, { name: pending.member.full_name || pending.member.email }) : ""}
        description={pending ? t(`actions.${pending.kind}Text`) : ""}
        confirmLabel={pending ? t(`actions.${pending.kind}Confirm`) : ""}
        cancelLabel={tc("cancel")}
        tone={pending?.kind === "reactivate" ? "default" : "destructive"}
        pending={update.isPending || reset.isPending}
        onConfirm={confirm}
      />
    </div>
  );
}
