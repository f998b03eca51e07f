"use client";

import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { filled, type Infer, z } from "@/lib/validation";
import { FormError, FormField, applyApiErrors, controlProps } from "@/components/form";
import { RecordShell } from "@/components/record-shell";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { isApiError } from "@/lib/api/errors";
import { isStaff } from "@/lib/roles";
import { safeNext } from "@/lib/safe-next";
import { useCopyToClipboard } from "@/lib/use-copy-to-clipboard";
import { useErrorMessage } from "@/lib/use-error-message";
import { useMe } from "@/queries/me";
import { type TwoFactorSetup, useConfirmTwoFactor, useSetupTwoFactor, useTwoFactor } from "@/queries/two-factor";
import { CopiedStatus, RecoveryCodesPanel } from "./recovery-codes";

function SetupStep({ setup, onDone }: { setup: TwoFactorSetup; onDone: (codes: string[]) => void }) {
  const t = useTranslations("twoFactor");
  const confirm = useConfirmTwoFactor();
  const errorMessage = useErrorMessage();
  const [formError, setFormError] = useState<string>();
  const { copied, copy } = useCopyToClipboard();
  const schema = z.object({ otp: filled(t("codeRequired")) });
  type Values = Infer<typeof schema>;
  const form = useForm<Values>({ resolver: zodResolver(schema) });
  const errors = form.formState.errors;

  const onSubmit = form.handleSubmit(async ({ otp }) => {
    setFormError(undefined);
    try {
      const result = await confirm.mutateAsync({ otp: otp.replace(/\s/g, "") });
      onDone(result.recovery_codes);
    } catch (error) {
      setFormError(applyApiErrors(error, form.setError, ["otp"], errorMessage));
    }
  });

  return (
    <div className="flex flex-col gap-5">
      <section aria-labelledby="step1" className="flex flex-col gap-3">
        <h2 id="step1" className="text-base font-semibold">
          {t("step1")}
        </h2>
        <p className="text-sm text-muted-foreground">{t("step1Help")}</p>
        {/* Drawn by the API as SVG: an image, never markup in the page. */}
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img
          src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(setup.qr_svg)}`}
          alt={t("qrAlt")}
          width={220}
          height={220}
          className="size-[220px] self-center rounded-md border bg-white"
          data-testid="two-factor-qr"
        />
        <p className="text-sm">{t("manualEntry")}</p>
        <div className="flex flex-wrap items-center gap-2">
          <code className="rounded-md bg-muted px-2 py-1 font-mono text-sm break-words" data-testid="two-factor-secret">
            {setup.secret}
          </code>
          <Button type="button" variant="outline" size="sm" onClick={() => void copy(setup.secret.replace(/\s/g, ""))}>
            {t("copySecret")}
          </Button>
          <CopiedStatus copied={copied} />
        </div>
      </section>
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-labelledby="step2">
        <h2 id="step2" className="text-base font-semibold">
          {t("step2")}
        </h2>
        <FormField id="enrol-code" label={t("code")} error={errors.otp?.message}>
          <Input
            {...controlProps("enrol-code", errors.otp?.message)}
            {...form.register("otp")}
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={8}
            placeholder="123456"
            className="font-mono text-lg tracking-[0.3em]"
          />
        </FormField>
        <FormError message={formError} />
        <Button type="submit" size="lg" disabled={confirm.isPending}>
          {confirm.isPending ? t("confirming") : t("confirm")}
        </Button>
      </form>
    </div>
  );
}

export function EnrolClient() {
  const t = useTranslations("twoFactor");
  const params = useSearchParams();
  const me = useMe();
  const status = useTwoFactor();
  const setup = useSetupTwoFactor();
  const errorMessage = useErrorMessage();
  const [codes, setCodes] = useState<string[]>();
  const fallback = isStaff(me.data?.role) ? "/admin" : "/profil";
  const next = safeNext(params.get("next"), fallback);

  if (codes) {
    return (
      <div className="flex flex-col gap-5">
        <Alert tone="success">{t("enabledDone")}</Alert>
        <RecoveryCodesPanel codes={codes} email={me.data?.email ?? ""} />
        {/* A full load: the restricted session of staff is a full one now. */}
        <Button size="lg" onClick={() => window.location.assign(next)}>
          {t("codesSaved")}
        </Button>
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-5">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("enrolTitle")}</h1>
        <p className="mt-1 text-sm text-muted-foreground">{t("enrolIntro")}</p>
      </div>
      <RecordShell query={status} skeleton={<Skeleton className="h-24" />}>
        {(data) =>
          data.enabled ? (
            <>
              <Alert tone="info">{t("alreadyEnabled")}</Alert>
              <Link href={next} className="inline-flex min-h-11 items-center self-start text-sm font-medium text-primary underline-offset-4 hover:underline">
                {t("backToProfile")}
              </Link>
            </>
          ) : setup.data ? (
            <SetupStep setup={setup.data} onDone={setCodes} />
          ) : (
            <>
              {data.enrolment_required ? <Alert tone="info">{t("enrolRequired")}</Alert> : null}
              {setup.isError ? <Alert tone="error">{errorMessage(setup.error)}</Alert> : null}
              <Button size="lg" onClick={() => setup.mutate()} disabled={setup.isPending}>
                {setup.isPending ? t("starting") : t("start")}
              </Button>
              {!data.enrolment_required ? (
                <Link href={next} className="inline-flex min-h-11 items-center self-center text-sm font-medium text-primary underline-offset-4 hover:underline">
                  {t("backToProfile")}
                </Link>
              ) : null}
            </>
          )
        }
      </RecordShell>
      {setup.isError && isApiError(setup.error) && setup.error.status === 409 ? (
        <Link href={next} className="text-sm text-primary underline">
          {t("backToProfile")}
        </Link>
      ) : null}
    </div>
  );
}
