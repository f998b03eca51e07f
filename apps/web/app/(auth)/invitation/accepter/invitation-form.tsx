"use client";

import { useSearchParams } from "next/navigation";
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { filled, text, type Infer, z } from "@/lib/validation";
import { FormError, FormField, PasswordInput, applyApiErrors, controlProps } from "@/components/form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { setLocaleCookie } from "@/lib/locale";
import { landingAfterJoining } from "@/lib/landing";
import { useErrorMessage } from "@/lib/use-error-message";
import { useAcceptInvitation } from "@/queries/auth";

export function InvitationForm() {
  const t = useTranslations("auth");
  const tc = useTranslations("common");
  const token = useSearchParams().get("token") ?? "";
  const accept = useAcceptInvitation();
  const errorMessage = useErrorMessage();
  const [formError, setFormError] = useState<string>();
  // The password may be an existing account's, so only its presence is checked here.
  const schema = z.object({ name: text({ max: 200 }), password: filled(t("passwordRequired")) });
  type Values = Infer<typeof schema>;
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { name: "", password: "" } });
  const errors = form.formState.errors;

  const onSubmit = form.handleSubmit(async ({ name, password }) => {
    setFormError(undefined);
    try {
      const me = await accept.mutateAsync({ token, password, ...(name ? { name } : {}) });
      const joined = me && typeof me === "object" && "role" in me ? me : undefined;
      if (joined && (joined.locale === "fr" || joined.locale === "en")) setLocaleCookie(joined.locale);
      // A full load on purpose: it drops every cached query and renders in the account's language.
      window.location.assign(joined ? landingAfterJoining(joined) : "/");
    } catch (e) {
      setFormError(applyApiErrors(e, form.setError, ["name", "password"], errorMessage));
    }
  });

  return (
    <div className="flex flex-col gap-5">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("inviteTitle")}</h1>
        <p className="mt-1 text-sm text-muted-foreground">{t("inviteIntro")}</p>
      </div>
      {!token ? (
        <Alert tone="error">{t("missingToken")}</Alert>
      ) : accept.isSuccess ? (
        <Alert tone="success">{t("inviteDone")}</Alert>
      ) : (
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
          <FormField id="name" label={t("name")} optional={tc("optional")} error={errors.name?.message}>
            <Input {...controlProps("name", errors.name?.message)} {...form.register("name")} autoComplete="name" />
          </FormField>
          <FormField id="password" label={t("password")} hint={`${t("passwordHint")} ${t("inviteExisting")}`} error={errors.password?.message}>
            <PasswordInput
              {...controlProps("password", errors.password?.message, "hint")}
              {...form.register("password")}
              autoComplete="new-password"
            />
          </FormField>
          <FormError message={formError} />
          <Button type="submit" size="lg" disabled={accept.isPending}>
            {t("inviteSubmit")}
          </Button>
        </form>
      )}
    </div>
  );
}
