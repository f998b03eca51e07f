"use client";

import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { FormError, applyApiErrors } from "@/components/form";
import { NewPasswordFields, useNewPasswordSchema, type NewPasswordValues } from "@/components/new-password-fields";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useErrorMessage } from "@/lib/use-error-message";
import { useConfirmPasswordReset } from "@/queries/auth";

export function ResetForm() {
  const t = useTranslations("auth");
  const token = useSearchParams().get("token") ?? "";
  const confirm = useConfirmPasswordReset();
  const errorMessage = useErrorMessage();
  const [formError, setFormError] = useState<string>();
  const form = useForm<NewPasswordValues>({
    resolver: zodResolver(useNewPasswordSchema()),
    defaultValues: { new_password: "", confirm: "" },
  });

  const onSubmit = form.handleSubmit(async ({ new_password }) => {
    setFormError(undefined);
    try {
      await confirm.mutateAsync({ token, new_password });
    } catch (e) {
      // A bad or expired token is reported on `token`, which is not a field of this form.
      setFormError(applyApiErrors(e, form.setError, ["new_password"], errorMessage));
    }
  });

  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-2xl font-semibold tracking-tight">{t("newPasswordTitle")}</h1>
      {!token ? (
        <Alert tone="error">{t("missingToken")}</Alert>
      ) : confirm.isSuccess ? (
        <Alert tone="success">{t("resetDone")}</Alert>
      ) : (
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
          <NewPasswordFields register={form.register} errors={form.formState.errors} />
          <FormError message={formError} />
          <Button type="submit" size="lg" disabled={confirm.isPending}>
            {t("resetSubmit")}
          </Button>
        </form>
      )}
      <Link href={token && !confirm.isSuccess ? "/mot-de-passe-oublie" : "/connexion"} className="inline-flex min-h-11 items-center self-center text-sm font-medium text-primary hover:underline">
        {token && !confirm.isSuccess ? t("forgot") : t("backToLogin")}
      </Link>
    </div>
  );
}
