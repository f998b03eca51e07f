"use client";

import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { zodResolver } from "@hookform/resolvers/zod";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { filled, type Infer, z } from "@/lib/validation";
import { FormError, FormField, applyApiErrors, controlProps } from "@/components/form";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { isApiError } from "@/lib/api/errors";
import { setLocaleCookie } from "@/lib/locale";
import { isStaff } from "@/lib/roles";
import { safeNext } from "@/lib/safe-next";
import { useErrorMessage } from "@/lib/use-error-message";
import { useLoginCode } from "@/queries/two-factor";

export function CodeForm() {
  const t = useTranslations("twoFactor");
  const locale = useLocale();
  const params = useSearchParams();
  const login = useLoginCode();
  const errorMessage = useErrorMessage();
  const [recovery, setRecovery] = useState(false);
  const [expired, setExpired] = useState(false);
  const [formError, setFormError] = useState<string>();
  const [trust, setTrust] = useState(false);
  const trustOffered = params.get("confiance") === "1";

  const schema = z.object({ otp: filled(t("codeRequired")) });
  type Values = Infer<typeof schema>;
  const form = useForm<Values>({ resolver: zodResolver(schema) });
  const errors = form.formState.errors;

  const onSubmit = form.handleSubmit(async ({ otp }) => {
    setFormError(undefined);
    try {
      const me = await login.mutateAsync({ otp, trust_device: trustOffered && trust });
      if (me.locale !== locale) setLocaleCookie(me.locale);
      window.location.assign(safeNext(params.get("next"), isStaff(me.role) ? "/admin" : "/"));
    } catch (error) {
      // No password step in the last five minutes: only starting again helps.
      if (isApiError(error) && error.status === 400 && error.generalErrors.length > 0) setExpired(true);
      setFormError(applyApiErrors(error, form.setError, ["otp"], errorMessage));
    }
  });

  const switchMode = () => {
    setRecovery((value) => !value);
    form.reset({ otp: "" });
    setFormError(undefined);
  };

  const restart = params.get("next") ? `/connexion?next=${encodeURIComponent(params.get("next") ?? "")}` : "/connexion";

  return (
    <div className="flex flex-col gap-5">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("codeTitle")}</h1>
        <p className="mt-1 text-sm text-muted-foreground">{recovery ? t("recoveryIntro") : t("codeIntro")}</p>
      </div>
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-label={t("codeTitle")}>
        <FormField id="otp" label={recovery ? t("recoveryCode") : t("code")} error={errors.otp?.message}>
          <Input
            key={recovery ? "recovery" : "totp"}
            {...controlProps("otp", errors.otp?.message)}
            {...form.register("otp")}
            autoComplete="one-time-code"
            inputMode={recovery ? "text" : "numeric"}
            autoCapitalize="none"
            spellCheck={false}
            autoFocus
            maxLength={recovery ? 20 : 8}
            placeholder={recovery ? "xxxx-xxxx-xxxx" : "123456"}
            className={recovery ? "font-mono" : "font-mono text-lg tracking-[0.3em]"}
          />
        </FormField>
        {trustOffered ? (
          <div className="flex items-start gap-3">
            <input
              id="trust-device"
              type="checkbox"
              checked={trust}
              onChange={(event) => setTrust(event.target.checked)}
              aria-describedby="trust-device-help"
              className="mt-0.5 size-5 shrink-0 accent-primary"
            />
            <div className="flex flex-col gap-0.5">
              <label htmlFor="trust-device" className="text-sm font-medium">
                {t("trustDevice")}
              </label>
              <p id="trust-device-help" className="text-xs text-muted-foreground">
                {t("trustDeviceHelp")}
              </p>
            </div>
          </div>
        ) : null}
        <FormError message={formError} />
        {expired ? (
          <Link href={restart} className="inline-flex min-h-11 items-center justify-center rounded-md border px-4 text-sm font-medium hover:bg-accent">
            {t("restart")}
          </Link>
        ) : (
          <Button type="submit" size="lg" disabled={login.isPending || login.isSuccess}>
            {login.isPending || login.isSuccess ? t("verifying") : t("verify")}
          </Button>
        )}
      </form>
      <button
        type="button"
        onClick={switchMode}
        className="inline-flex min-h-11 items-center self-center text-sm font-medium text-primary underline-offset-4 hover:underline"
      >
        {recovery ? t("useApp") : t("useRecovery")}
      </button>
    </div>
  );
}
