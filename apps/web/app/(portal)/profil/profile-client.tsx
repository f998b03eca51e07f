"use client";

import { useRouter } from "next/navigation";
import { LogOut } from "lucide-react";
import { zodResolver } from "@hookform/resolvers/zod";
import { useLocale, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { filled, text, type Infer, z } from "@/lib/validation";
import { FormError, FormField, PasswordInput, applyApiErrors, controlProps } from "@/components/form";
import { NewPasswordFields, useNewPasswordSchema } from "@/components/new-password-fields";
import { SkeletonRows } from "@/components/list-shell";
import { RecordShell } from "@/components/record-shell";
import { PageHeader } from "@/components/states";
import { useToast } from "@/components/toaster";
import { Button } from "@/components/ui/button";
import { TitledCard } from "@/components/titled-card";
import { Input, NativeSelect } from "@/components/ui/input";
import { locales, type Locale } from "@/i18n/config";
import type { Me } from "@/lib/api/types";
import { setLocaleCookie } from "@/lib/locale";
import { useErrorMessage } from "@/lib/use-error-message";
import { useLogout } from "@/queries/auth";
import { useChangePassword, useMe, useUpdateMe } from "@/queries/me";
import { NotificationPreferencesSection } from "./notification-preferences-section";
import { SessionsSection } from "./sessions-section";
import { TwoFactorSection } from "./two-factor-section";

function IdentityForm({ me }: { me: Me }) {
  const t = useTranslations("profile");
  const tc = useTranslations("common");
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const update = useUpdateMe();
  const [formError, setFormError] = useState<string>();
  const schema = z.object({
    name: text({ required: t("nameRequired"), max: 200 }),
    phone: text({ max: 32 }),
  });
  type Values = Infer<typeof schema>;
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { name: me.name, phone: me.phone ?? "" } });
  const errors = form.formState.errors;

  const onSubmit = form.handleSubmit(async ({ name, phone }) => {
    setFormError(undefined);
    try {
      const saved = await update.mutateAsync({ name, phone: phone || null });
      form.reset({ name: saved.name, phone: saved.phone ?? "" });
      toast.show("success", tc("saved"));
    } catch (e) {
      setFormError(applyApiErrors(e, form.setError, ["name", "phone"], errorMessage));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <FormField id="profile-name" label={t("name")} error={errors.name?.message}>
        <Input {...controlProps("profile-name", errors.name?.message)} {...form.register("name")} autoComplete="name" />
      </FormField>
      <FormField id="profile-email" label={t("email")} hint={t("emailHelp")}>
        <Input {...controlProps("profile-email", undefined, t("emailHelp"))} value={me.email} readOnly disabled />
      </FormField>
      <FormField id="profile-phone" label={t("phone")} optional={tc("optional")} hint={t("phoneHelp")} error={errors.phone?.message}>
        <Input
          {...controlProps("profile-phone", errors.phone?.message, t("phoneHelp"))}
          {...form.register("phone")}
          type="tel"
          inputMode="tel"
          autoComplete="tel"
        />
      </FormField>
      <FormError message={formError} />
      <Button type="submit" disabled={update.isPending} className="sm:self-end">
        {update.isPending ? tc("saving") : tc("save")}
      </Button>
    </form>
  );
}

function LanguageForm() {
  const t = useTranslations("profile");
  const tc = useTranslations("common");
  const current = useLocale() as Locale;
  const router = useRouter();
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const update = useUpdateMe();
  const [pending, startTransition] = useTransition();

  const choose = async (locale: Locale) => {
    try {
      await update.mutateAsync({ locale });
      setLocaleCookie(locale);
      startTransition(() => router.refresh());
    } catch (e) {
      toast.show("error", errorMessage(e));
    }
  };

  return (
    <FormField id="profile-language" label={t("language")}>
      <NativeSelect
        id="profile-language"
        value={current}
        disabled={update.isPending || pending}
        onChange={(e) => void choose(e.target.value as Locale)}
      >
        {locales.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {tc(`languages.${locale}`)}
          </option>
        ))}
      </NativeSelect>
    </FormField>
  );
}

function PasswordForm() {
  const t = useTranslations("profile");
  const ta = useTranslations("auth");
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const change = useChangePassword();
  const [formError, setFormError] = useState<string>();
  const schema = z.intersection(useNewPasswordSchema(), z.object({ current_password: filled(ta("passwordRequired")) }));
  type Values = Infer<typeof schema>;
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { current_password: "", new_password: "", confirm: "" },
  });
  const errors = form.formState.errors;

  const onSubmit = form.handleSubmit(async ({ current_password, new_password }) => {
    setFormError(undefined);
    try {
      await change.mutateAsync({ current_password, new_password });
      form.reset();
      toast.show("success", t("passwordChanged"));
    } catch (e) {
      setFormError(applyApiErrors(e, form.setError, ["current_password", "new_password"], errorMessage));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <FormField id="current-password" label={t("currentPassword")} error={errors.current_password?.message}>
        <PasswordInput
          {...controlProps("current-password", errors.current_password?.message)}
          {...form.register("current_password")}
          autoComplete="current-password"
        />
      </FormField>
      <NewPasswordFields register={form.register} errors={errors} />
      <FormError message={formError} />
      <Button type="submit" disabled={change.isPending} className="sm:self-end">
        {t("changePassword")}
      </Button>
    </form>
  );
}

export function ProfileClient() {
  const t = useTranslations("profile");
  const tc = useTranslations("common");
  const tn = useTranslations("nav");
  const me = useMe();
  const logout = useLogout();

  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4">
      <PageHeader title={t("title")} description={t("intro")} />
      <TitledCard titleId="identity-title" title={t("identity")} contentClassName="flex flex-col gap-4">
        <RecordShell query={me} skeleton={<SkeletonRows row="h-16" className="gap-3" />}>
          {(data) => <IdentityForm key={data.id} me={data} />}
        </RecordShell>
      </TitledCard>
      <TitledCard titleId="language-title" title={tc("language")}>
        <LanguageForm />
      </TitledCard>
      <TitledCard titleId="password-title" title={t("password")}>
        <PasswordForm />
      </TitledCard>
      <TwoFactorSection />
      <SessionsSection />
      <NotificationPreferencesSection />
      <TitledCard titleId="session-title" title={t("session")} description={t("logoutHelp")}>
        <Button variant="outline" onClick={() => logout.mutate()} disabled={logout.isPending}>
          <LogOut aria-hidden="true" />
          {tn("logout")}
        </Button>
      </TitledCard>
    </div>
  );
}
