"use client";

import { useRouter } from "next/navigation";
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { FormError, FormField, applyApiErrors, controlProps } from "@/components/form";
import { useToast } from "@/components/toaster";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Input, NativeSelect, Textarea } from "@/components/ui/input";
import { CLIENT_SIZES, type AdminClient } from "@/lib/api/admin";
import { useErrorMessage } from "@/lib/use-error-message";
import { useSaveClient } from "@/queries/admin-clients";
import {
  CLIENT_FIELDS,
  EMPTY_CLIENT_FORM,
  clientFormSchema,
  clientFormValues,
  toClientWrite,
  type ClientFormValues,
} from "./client-schema";
import { Switch } from "./switch";

/** A client's identity, billing details and segmentation: creates one, or changes `client`. */
export function ClientForm({ client }: { client?: AdminClient }) {
  const t = useTranslations("admin.clients");
  const tc = useTranslations("common");
  const router = useRouter();
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const saveClient = useSaveClient(client?.id);
  const [formError, setFormError] = useState<string>();

  const schema = useMemo(
    () =>
      clientFormSchema({
        nameRequired: t("form.errors.nameRequired"),
        tooLong: (max) => t("form.errors.tooLong", { max }),
        country: t("form.errors.country"),
        currency: t("form.errors.currency"),
        email: t("form.errors.email"),
        phone: t("form.errors.phone"),
        tags: t("form.errors.tags"),
      }),
    [t],
  );
  const form = useForm<ClientFormValues>({
    resolver: zodResolver(schema),
    defaultValues: client ? clientFormValues(client) : EMPTY_CLIENT_FORM,
  });
  const errors = form.formState.errors;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(undefined);
    try {
      const saved = await saveClient.mutateAsync(toClientWrite(values));
      toast.show("success", client ? t("form.updated") : t("form.created", { name: saved.name }));
      router.push(`/admin/clients/${saved.id}`);
    } catch (error) {
      setFormError(applyApiErrors(error, form.setError, CLIENT_FIELDS, errorMessage));
    }
  });

  const text = (
    name: "name" | "legal_name" | "tax_id" | "city" | "country" | "phone" | "billing_email" | "currency" | "sector" | "tags",
    props: React.ComponentProps<"input"> & { hint?: string; optional?: boolean } = {},
  ) => {
    const { hint, optional, ...inputProps } = props;
    const id = `client-${name}`;
    const error = errors[name]?.message;
    return (
      <FormField id={id} label={t(`fields.${name}`)} error={error} hint={hint} optional={optional ? tc("optional") : undefined}>
        <Input {...controlProps(id, error, hint)} {...form.register(name)} {...inputProps} />
      </FormField>
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <Card>
        <CardHeader>
          <CardTitle>{t("form.identity")}</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-2">
          {text("name", { autoComplete: "organization" })}
          {text("legal_name", { optional: true })}
          {text("tax_id", { optional: true, hint: t("fields.taxIdHint") })}
          {text("sector", { optional: true, hint: t("fields.sectorHint") })}
          {text("tags", { optional: true, hint: t("fields.tagsHint") })}
          <FormField id="client-size" label={t("fields.size")} optional={tc("optional")} error={errors.size?.message}>
            <NativeSelect {...controlProps("client-size", errors.size?.message)} {...form.register("size")}>
              <option value="">{t("sizes.unknown")}</option>
              {CLIENT_SIZES.map((size) => (
                <option key={size} value={size}>
                  {t(`sizes.${size}`)}
                </option>
              ))}
            </NativeSelect>
          </FormField>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t("form.billing")}</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-2">
          <FormField id="client-address" label={t("fields.address")} optional={tc("optional")} error={errors.address?.message} className="sm:col-span-2">
            <Textarea {...controlProps("client-address", errors.address?.message)} {...form.register("address")} rows={2} autoComplete="street-address" />
          </FormField>
          {text("city", { optional: true, autoComplete: "address-level2" })}
          {text("country", { maxLength: 2, autoCapitalize: "characters", hint: t("fields.countryHint") })}
          {text("billing_email", { optional: true, type: "email", inputMode: "email", autoComplete: "email" })}
          {text("phone", { optional: true, type: "tel", inputMode: "tel", autoComplete: "tel", hint: t("fields.phoneHint") })}
          {text("currency", { maxLength: 3, autoCapitalize: "characters", hint: t("fields.currencyHint") })}
          <FormField id="client-language" label={t("fields.language")} error={errors.language?.message} hint={t("fields.languageHint")}>
            <NativeSelect {...controlProps("client-language", errors.language?.message, t("fields.languageHint"))} {...form.register("language")}>
              <option value="fr">{tc("languages.fr")}</option>
              <option value="en">{tc("languages.en")}</option>
            </NativeSelect>
          </FormField>
          <Controller
            control={form.control}
            name="partial_payments_allowed"
            render={({ field }) => (
              <div className="flex items-start justify-between gap-4 sm:col-span-2">
                <div className="flex flex-col gap-1">
                  <span id="client-partial-label" className="text-sm font-medium">
                    {t("fields.partial_payments_allowed")}
                  </span>
                  <span id="client-partial-hint" className="text-sm text-muted-foreground">
                    {t("fields.partialHint")}
                  </span>
                  {errors.partial_payments_allowed?.message ? (
                    <span className="text-sm font-medium text-destructive">{errors.partial_payments_allowed.message}</span>
                  ) : null}
                </div>
                <Switch
                  id="client-partial"
                  aria-labelledby="client-partial-label"
                  aria-describedby="client-partial-hint"
                  checked={field.value}
                  onCheckedChange={field.onChange}
                  onBlur={field.onBlur}
                />
              </div>
            )}
          />
        </CardContent>
      </Card>
      <FormError message={formError} />
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button type="button" variant="outline" onClick={() => router.back()}>
          {tc("cancel")}
        </Button>
        <Button type="submit" disabled={saveClient.isPending}>
          {saveClient.isPending ? tc("saving") : client ? tc("save") : t("form.create")}
        </Button>
      </div>
    </form>
  );
}
