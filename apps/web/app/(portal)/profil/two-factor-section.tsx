"use client";

import Link from "next/link";
import { ShieldCheck } from "lucide-react";
import { zodResolver } from "@hookform/resolvers/zod";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { RecoveryCodesPanel } from "@/app/(auth)/double-authentification/recovery-codes";
import { FormError, FormField, PasswordInput, applyApiErrors, controlProps } from "@/components/form";
import { RecordShell } from "@/components/record-shell";
import { useToast } from "@/components/toaster";
import { Badge } from "@/components/ui/badge";
import { Button, buttonVariants } from "@/components/ui/button";
import { TitledCard } from "@/components/titled-card";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Skeleton } from "@/components/ui/skeleton";
import { type AppLocale, formatDate } from "@/lib/format";
import { filled, type Infer, z } from "@/lib/validation";
import { useErrorMessage } from "@/lib/use-error-message";
import { useMe } from "@/queries/me";
import { useDisableTwoFactor, useRegenerateRecoveryCodes, useTwoFactor } from "@/queries/two-factor";

/** A password asked again before turning it off or making new codes. */
function PasswordDialog({
  open,
  onOpenChange,
  title,
  description,
  confirmLabel,
  tone,
  onConfirm,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: string;
  confirmLabel: string;
  tone: "default" | "destructive";
  onConfirm: (password: string) => Promise<void>;
}) {
  const t = useTranslations("twoFactor");
  const ta = useTranslations("auth");
  const tc = useTranslations("common");
  const errorMessage = useErrorMessage();
  const [formError, setFormError] = useState<string>();
  const schema = z.object({ password: filled(ta("passwordRequired")) });
  type Values = Infer<typeof schema>;
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { password: "" } });
  const errors = form.formState.errors;
  const submitting = form.formState.isSubmitting;

  const onSubmit = form.handleSubmit(async ({ password }) => {
    setFormError(undefined);
    try {
      await onConfirm(password);
      form.reset();
    } catch (error) {
      setFormError(applyApiErrors(error, form.setError, ["password"], errorMessage));
    }
  });

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) form.reset();
        onOpenChange(next);
      }}
    >
      <DialogContent closeLabel={t("close")}>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{description}</DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
          <FormField id="reauth-password" label={t("password")} error={errors.password?.message}>
            <PasswordInput
              {...controlProps("reauth-password", errors.password?.message)}
              {...form.register("password")}
              autoComplete="current-password"
            />
          </FormField>
          <FormError message={formError} />
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)} disabled={submitting}>
              {tc("cancel")}
            </Button>
            <Button type="submit" variant={tone === "destructive" ? "destructive" : "default"} disabled={submitting}>
              {confirmLabel}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}

export function TwoFactorSection() {
  const t = useTranslations("twoFactor");
  const locale = useLocale() as AppLocale;
  const toast = useToast();
  const me = useMe();
  const status = useTwoFactor();
  const disable = useDisableTwoFactor();
  const regenerate = useRegenerateRecoveryCodes();
  const [dialog, setDialog] = useState<"disable" | "regenerate" | null>(null);
  const [codes, setCodes] = useState<string[]>();

  return (
    <TitledCard
      titleId="two-factor-title"
      title={t("title")}
      icon={ShieldCheck}
      description={t("sectionIntro")}
      aside={
        status.data ? (
          <Badge tone={status.data.enabled ? "success" : "neutral"}>{status.data.enabled ? t("statusOn") : t("statusOff")}</Badge>
        ) : null
      }
      contentClassName="flex flex-col gap-3"
    >
      <RecordShell query={status} skeleton={<Skeleton className="h-16" />}>
        {(data) =>
          data.enabled ? (
            <>
              <p className="text-sm">
                {data.confirmed_at ? t("enabledSince", { date: formatDate(data.confirmed_at, locale) }) : null}
                {" · "}
                {t("codesRemaining", { count: data.recovery_codes_remaining })}
              </p>
              {data.required ? <p className="text-sm text-muted-foreground">{t("requiredForStaff")}</p> : null}
              <div className="flex flex-col gap-2 sm:flex-row">
                <Button variant="outline" onClick={() => setDialog("regenerate")}>
                  {t("regenerate")}
                </Button>
                {data.required ? null : (
                  <Button variant="outline" onClick={() => setDialog("disable")}>
                    {t("disable")}
                  </Button>
                )}
              </div>
            </>
          ) : (
            <Link href="/double-authentification?next=%2Fprofil" className={buttonVariants({ className: "self-start" })}>
              {t("enable")}
            </Link>
          )
        }
      </RecordShell>
      {codes ? <RecoveryCodesPanel codes={codes} email={me.data?.email ?? ""} /> : null}
      <PasswordDialog
        open={dialog === "regenerate"}
        onOpenChange={(open) => setDialog(open ? "regenerate" : null)}
        title={t("regenerateTitle")}
        description={t("regenerateIntro")}
        confirmLabel={t("regenerate")}
        tone="default"
        onConfirm={async (password) => {
          const result = await regenerate.mutateAsync({ password });
          setCodes(result.recovery_codes);
          setDialog(null);
        }}
      />
      <PasswordDialog
        open={dialog === "disable"}
        onOpenChange={(open) => setDialog(open ? "disable" : null)}
        title={t("disableTitle")}
        description={t("disableIntro")}
        confirmLabel={t("disable")}
        tone="destructive"
        onConfirm={async (password) => {
          await disable.mutateAsync({ password });
          setCodes(undefined);
          setDialog(null);
          toast.show("success", t("disabled"));
        }}
      />
    </TitledCard>
  );
}
