"use client";

import Link from "next/link";
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { email, type Infer, z } from "@/lib/validation";
import { FormError, FormField, applyApiErrors, controlProps } from "@/components/form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { useErrorMessage } from "@/lib/use-error-message";
import { useRequestPasswordReset } from "@/queries/auth";

export function ForgotForm() {
  const t = useTranslations("auth");
  const request = useRequestPasswordReset();
  const errorMessage = useErrorMessage();
  const [formError, setFormError] = useState<string>();
  const schema = z.object({ email: email(t("emailInvalid")) });
  // No default value: keeps an address typed before the page's code ran.
  const form = useForm<Infer<typeof schema>>({ resolver: zodResolver(schema) });
  const error = form.formState.errors.email?.message;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(undefined);
    try {
      await request.mutateAsync(values);
    } catch (e) {
      setFormError(applyApiErrors(e, form.setError, ["email"], errorMessage));
    }
  });

  return (
    <div className="flex flex-col gap-5">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("resetTitle")}</h1>
        <p className="mt-1 text-sm text-muted-foreground">{t("resetIntro")}</p>
      </div>
      {request.isSuccess ? (
        <Alert tone="success">{t("resetSent")}</Alert>
      ) : (
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
          <FormField id="email" label={t("email")} error={error}>
            <Input
              {...controlProps("email", error)}
              {...form.register("email")}
              type="email"
              autoComplete="email"
              inputMode="email"
              autoCapitalize="none"
            />
          </FormField>
          <FormError message={formError} />
          <Button type="submit" size="lg" disabled={request.isPending}>
            {t("resetSend")}
          </Button>
        </form>
      )}
      <Link href="/connexion" className="inline-flex min-h-11 items-center self-center text-sm font-medium text-primary hover:underline">
        {t("backToLogin")}
      </Link>
    </div>
  );
}
