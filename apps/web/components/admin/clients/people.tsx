"use client";

import { MailPlus, RotateCw, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { FormError, FormField, applyApiErrors, controlProps } from "@/components/form";
import { ListShell, SkeletonRows } from "@/components/list-shell";
import { useToast } from "@/components/toaster";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input, NativeSelect } from "@/components/ui/input";
import type { ClientInvitation } from "@/lib/api/admin";
import type { components } from "@/lib/api/schema";
import { formatDate } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { useErrorMessage } from "@/lib/use-error-message";
import { email, type Infer, z } from "@/lib/validation";
import { useChangeMemberRole, useClientInvitations, useClientMembers, useInvitationAction, useInviteContact } from "@/queries/admin-clients";
import { InvitationStatusBadge } from "./badges";
import { SectionCard } from "./section-card";

type MemberRole = components["schemas"]["MemberRole"];
const MEMBER_ROLES: MemberRole[] = ["owner", "member", "viewer"];

/** The client's people with their role, which staff may change. */
export function ContactsSection({ clientId }: { clientId: string }) {
  const t = useTranslations("admin.clients");
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const members = useClientMembers(clientId);
  const changeRole = useChangeMemberRole(clientId);
  const rows = members.data?.members ?? [];
  return (
    <SectionCard id="contacts" title={t("detail.section.contacts")} count={members.data ? rows.length : undefined}>
      <ListShell query={members} items={rows} empty={{ text: t("contacts.empty") }} skeleton={<SkeletonRows count={2} row="h-10" />}>
        {(people) => (
          <ul className="divide-y">
            {people.map((person) => (
              <li key={person.user_id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span className="flex min-w-0 flex-col">
                  <span className="font-medium">
                    {person.name}
                    {person.is_active ? null : <span className="ml-2 text-xs text-muted-foreground">({t("contacts.inactive")})</span>}
                  </span>
                  <span className="text-sm break-all text-muted-foreground">{person.email}</span>
                </span>
                <NativeSelect
                  aria-label={t("contacts.roleOf", { name: person.name })}
                  className="w-auto"
                  value={person.role}
                  disabled={changeRole.isPending}
                  onChange={async (event) => {
                    try {
                      await changeRole.mutateAsync({ userId: person.user_id, role: event.target.value as MemberRole });
                      toast.show("success", t("contacts.roleChanged"));
                    } catch (error) {
                      toast.show("error", errorMessage(error));
                    }
                  }}
                >
                  {MEMBER_ROLES.map((role) => (
                    <option key={role} value={role}>
                      {t(`roles.${role}`)}
                    </option>
                  ))}
                </NativeSelect>
              </li>
            ))}
          </ul>
        )}
      </ListShell>
    </SectionCard>
  );
}

function InviteDialog({ clientId, open, onOpenChange }: { clientId: string; open: boolean; onOpenChange: (open: boolean) => void }) {
  const t = useTranslations("admin.clients");
  const tc = useTranslations("common");
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const invite = useInviteContact(clientId);
  const [formError, setFormError] = useState<string>();
  const schema = z.object({ email: email(t("form.errors.email")), role: z.enum(["owner", "member", "viewer"]) });
  type Values = Infer<typeof schema>;
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { email: "", role: "owner" } });
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(undefined);
    try {
      await invite.mutateAsync(values);
      toast.show("success", t("invitations.sent", { email: values.email }));
      form.reset();
      onOpenChange(false);
    } catch (error) {
      setFormError(applyApiErrors(error, form.setError, ["email", "role"], errorMessage));
    }
  });
  return (
    <Dialog open={open} onOpenChange={(next) => (invite.isPending ? undefined : onOpenChange(next))}>
      <DialogContent closeLabel={tc("close")}>
        <DialogHeader>
          <DialogTitle>{t("invitations.inviteTitle")}</DialogTitle>
          <DialogDescription>{t("invitations.inviteText")}</DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
          <FormField id="invite-email" label={t("invitations.email")} error={errors.email?.message}>
            <Input {...controlProps("invite-email", errors.email?.message)} {...form.register("email")} type="email" inputMode="email" autoComplete="off" />
          </FormField>
          <FormField id="invite-role" label={t("invitations.role")} error={errors.role?.message}>
            <NativeSelect {...controlProps("invite-role", errors.role?.message)} {...form.register("role")}>
              {MEMBER_ROLES.map((role) => (
                <option key={role} value={role}>
                  {t(`roles.${role}`)}
                </option>
              ))}
            </NativeSelect>
          </FormField>
          <FormError message={formError} />
          <Button type="submit" disabled={invite.isPending} className="sm:self-end">
            {invite.isPending ? tc("sending") : t("invitations.send")}
          </Button>
        </form>
      </DialogContent>
    </Dialog>
  );
}

/** Every invitation of the client with its status; pending and expired ones can be sent again, pending ones revoked. */
export function InvitationsSection({ clientId }: { clientId: string }) {
  const t = useTranslations("admin.clients");
  const tc = useTranslations("common");
  const locale = useAppLocale();
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const invitations = useClientInvitations(clientId);
  const action = useInvitationAction(clientId);
  const [inviting, setInviting] = useState(false);
  const [revoking, setRevoking] = useState<ClientInvitation | null>(null);
  const rows = invitations.data ?? [];

  const resend = async (invitation: ClientInvitation) => {
    try {
      await action.mutateAsync({ action: "resend", invitationId: invitation.id });
      toast.show("success", t("invitations.resent", { email: invitation.email }));
    } catch (error) {
      toast.show("error", errorMessage(error));
    }
  };

  return (
    <SectionCard
      id="invitations"
      title={t("detail.section.invitations")}
      count={invitations.data ? rows.length : undefined}
      action={
        <Button variant="outline" size="sm" onClick={() => setInviting(true)}>
          <MailPlus aria-hidden="true" />
          {t("invitations.invite")}
        </Button>
      }
    >
      <ListShell query={invitations} items={rows} empty={{ text: t("invitations.empty") }} skeleton={<SkeletonRows count={2} row="h-10" />}>
        {(items) => (
          <ul className="divide-y">
            {items.map((invitation) => (
              <li key={invitation.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span className="flex min-w-0 flex-col">
                  <span className="font-medium break-all">{invitation.email}</span>
                  <span className="text-xs text-muted-foreground">
                    {t(`roles.${invitation.role}`)} ·{" "}
                    {invitation.status === "pending"
                      ? t("invitations.expiresOn", { date: formatDate(invitation.expires_at, locale) })
                      : t("invitations.sentOn", { date: formatDate(invitation.created_at, locale) })}
                  </span>
                </span>
                <span className="flex items-center gap-1">
                  <InvitationStatusBadge status={invitation.status} />
                  {invitation.status === "pending" || invitation.status === "expired" ? (
                    <Button variant="ghost" size="icon" aria-label={t("invitations.resend", { email: invitation.email })} disabled={action.isPending} onClick={() => resend(invitation)}>
                      <RotateCw aria-hidden="true" />
                    </Button>
                  ) : null}
                  {invitation.status === "pending" ? (
                    <Button variant="ghost" size="icon" aria-label={t("invitations.revoke", { email: invitation.email })} onClick={() => setRevoking(invitation)}>
                      <X aria-hidden="true" />
                    </Button>
                  ) : null}
                </span>
              </li>
            ))}
          </ul>
        )}
      </ListShell>
      <InviteDialog clientId={clientId} open={inviting} onOpenChange={setInviting} />
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
            await action.mutateAsync({ action: "revoke", invitationId: revoking.id });
            toast.show("success", t("invitations.revoked"));
            setRevoking(null);
          } catch (error) {
            toast.show("error", errorMessage(error));
          }
        }}
      />
    </SectionCard>
  );
}
