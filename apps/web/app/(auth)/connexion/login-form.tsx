"use client";

import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { zodResolver } from "@hookform/resolvers/zod";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { email, filled, type Infer, z } from "@/lib/validation";
import { FormError, FormField, PasswordInput, applyApiErrors, controlProps } from "@/components/form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { setLocaleCookie } from "@/lib/locale";
import { isStaff } from "@/lib/roles";
import { safeNext } from "@/lib/safe-next";
import { useErrorMessage } from "@/lib/use-error-message";
import { useLoginStep } from "@/queries/two-factor";

export function LoginForm() {
  const t = useTranslations("auth");
  const tApp = useTranslations("app");
  const locale = useLocale();
  const params = useSearchParams();
  const router = useRouter();
  const login = useLoginStep();
  const errorMessage = useErrorMessage();
  const [formError, setFormError] = useState<string>();

  const schema = z.object({
    email: email(t("emailInvalid")),
    password: filled(t("passwordRequired")),
  });
  type Values = Infer<typeof schema>;
  // No default values: react-hook-form then keeps what was typed before the page's code ran
  // (slow phones), instead of resetting the fields when it registers them.
  const form = useForm<Values>({ resolver: zodResolver(schema) });
  const errors = form.formState.errors;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(undefined);
    try {
      const outcome = await login.mutateAsync(values);
      if (outcome.kind === "code") {
        // Second step: the code. The half-finished login reaches nothing else meanwhile.
        const next = new URLSearchParams();
        const target = params.get("next");
        if (target) next.set("next", target);
        if (outcome.challenge.trust_device_allowed) next.set("confiance", "1");
        router.push(`/connexion/verification${next.size ? `?${next}` : ""}`);
        return;
      }
      const me = outcome.me;
      // The account's language wins from now on; a full load renders the portal in it.
      if (me.locale !== locale) setLocaleCookie(me.locale);
      const target = safeNext(params.get("next"), isStaff(me.role) ? "/admin" : "/");
      // A staff account that must enrol first goes to the enrolment page, then where it was going.
      window.location.assign(
        me.two_factor.enrolment_required ? `/double-authentification?next=${encodeURIComponent(target)}` : target,
      );
    } catch (error) {
      setFormError(applyApiErrors(error, form.setError, ["email", "password"], errorMessage));
    }
  });

  return (
    <div className="flex flex-col gap-5">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("loginTitle")}</h1>
        <p className="mt-1 text-sm text-muted-foreground">{t("loginIntro")}</p>
      </div>
      {params.get("deconnecte") ? <Alert tone="info">{t("loggedOut")}</Alert> : null}
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-label={tApp("tagline")}>
        <FormField id="email" label={t("email")} error={errors.email?.message}>
          <Input
            {...controlProps("email", errors.email?.message)}
            {...form.register("email")}
            type="email"
            autoComplete="username"
            inputMode="email"
            autoCapitalize="none"
            spellCheck={false}
          />
        </FormField>
        <FormField id="password" label={t("password")} error={errors.password?.message}>
          <PasswordInput
            {...controlProps("password", errors.password?.message)}
            {...form.register("password")}
            autoComplete="current-password"
          />
        </FormField>
        <FormError message={formError} />
        <Button type="submit" size="lg" disabled={login.isPending || login.isSuccess}>
          {login.isPending || login.isSuccess ? t("loggingIn") : t("login")}
        </Button>
      </form>
      <Link href="/mot-de-passe-oublie" className="inline-flex min-h-11 items-center self-center text-sm font-medium text-primary underline-offset-4 hover:underline">
        {t("forgot")}
      </Link>
    </div>
  );
}
