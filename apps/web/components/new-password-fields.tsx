"use client";

import { useTranslations } from "next-intl";
import { z } from "@/lib/validation";
import type { FieldErrors, UseFormRegister } from "react-hook-form";
import { FormField, PasswordInput, controlProps } from "@/components/form";

/** Rules the browser can check; the API checks the rest (common passwords, name, email). */
export function useNewPasswordSchema() {
  const t = useTranslations("auth");
  return z
    .object({
      new_password: z.string().check(z.minLength(12, t("passwordTooShort")), z.maxLength(128)),
      confirm: z.string(),
    })
    .check(z.refine((v) => v.new_password === v.confirm, { path: ["confirm"], message: t("passwordsDiffer") }));
}

export type NewPasswordValues = { new_password: string; confirm: string };

export function NewPasswordFields<T extends NewPasswordValues>({
  register,
  errors,
}: {
  register: UseFormRegister<T>;
  errors: FieldErrors<NewPasswordValues>;
}) {
  const t = useTranslations("auth");
  const reg = register as unknown as UseFormRegister<NewPasswordValues>;
  return (
    <>
      <FormField id="new-password" label={t("newPassword")} hint={t("passwordHint")} error={errors.new_password?.message}>
        <PasswordInput
          {...controlProps("new-password", errors.new_password?.message, t("passwordHint"))}
          {...reg("new_password")}
          autoComplete="new-password"
        />
      </FormField>
      <FormField id="confirm-password" label={t("confirmPassword")} error={errors.confirm?.message}>
        <PasswordInput
          {...controlProps("confirm-password", errors.confirm?.message)}
          {...reg("confirm")}
          autoComplete="new-password"
        />
      </FormField>
    </>
  );
}
