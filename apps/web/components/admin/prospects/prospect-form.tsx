"use client";

import { useRouter } from "next/navigation";
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { FormError, FormField, applyApiErrors, controlProps } from "@/components/form";
import { useStaffOptions } from "@/components/admin/tasks/assignee";
import { useToast } from "@/components/toaster";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Input, NativeSelect, Textarea } from "@/components/ui/input";
import { CLIENT_SIZES } from "@/lib/api/admin";
import { useErrorMessage } from "@/lib/use-error-message";
import { PROSPECTS_PATH } from "./list-state";
import { PROSPECT_SOURCES, type Prospect } from "./pipeline";
import {
  EMPTY_PROSPECT_FORM,
  PROSPECT_FIELDS,
  prospectFormSchema,
  prospectFormValues,
  toProspectWrite,
  type ProspectFormValues,
} from "./prospect-schema";
import { usePipeline, useSaveProspect } from "./queries";

type TextField = "company" | "contact_name" | "email" | "phone" | "whatsapp" | "estimated_value" | "probability" | "expected_close" | "sector" | "city" | "tags" | "next_follow_up";

/** A prospect's company, contact, deal and segmentation: creates one, or changes `prospect` (then `onDone`). */
export function ProspectForm({ prospect, onDone }: { prospect?: Prospect; onDone?: () => void }) {
  const t = useTranslations("admin.prospects");
  const tc = useTranslations("common");
  const router = useRouter();
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const staff = useStaffOptions();
  const pipeline = usePipeline({}, !prospect);
  const openStages = (pipeline.data?.columns ?? []).map((c) => c.stage).filter((s) => s.kind === "open");
  const save = useSaveProspect(prospect?.id);
  const [formError, setFormError] = useState<string>();

  const schema = useMemo(
    () =>
      prospectFormSchema({
        companyRequired: t("form.errors.companyRequired"),
        tooLong: (max) => t("form.errors.tooLong", { max }),
        email: t("form.errors.email"),
        phone: t("form.errors.phone"),
        value: t("form.errors.value"),
        probability: t("form.errors.probability"),
        tags: t("form.errors.tags"),
      }),
    [t],
  );
  const form = useForm<ProspectFormValues>({
    resolver: zodResolver(schema),
    defaultValues: prospect ? prospectFormValues(prospect) : EMPTY_PROSPECT_FORM,
  });
  const errors = form.formState.errors;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(undefined);
    try {
      const saved = await save.mutateAsync(toProspectWrite(values, { creating: !prospect }));
      if (prospect) {
        toast.show("success", t("form.updated"));
        onDone?.();
      } else {
        toast.show("success", t("form.created", { company: saved.company }));
        router.push(`${PROSPECTS_PATH}/${saved.id}`);
      }
    } catch (error) {
      setFormError(applyApiErrors(error, form.setError, PROSPECT_FIELDS, errorMessage));
    }
  });

  const text = (name: TextField, props: React.ComponentProps<"input"> & { hint?: string; required?: boolean } = {}) => {
    const { hint, required, ...inputProps } = props;
    const id = `prospect-${name}`;
    const error = errors[name]?.message;
    return (
      <FormField id={id} label={t(`form.fields.${name}`)} error={error} hint={hint} optional={required ? undefined : tc("optional")}>
        <Input {...controlProps(id, error, hint)} {...form.register(name)} {...inputProps} />
      </FormField>
    );
  };

  const select = (name: "source" | "size" | "owner_id" | "stage_id", options: React.ReactNode) => {
    const id = `prospect-${name}`;
    const error = errors[name]?.message;
    return (
      <FormField id={id} label={t(`form.fields.${name}`)} error={error} optional={name === "stage_id" ? undefined : tc("optional")}>
        <NativeSelect {...controlProps(id, error)} {...form.register(name)}>
          {options}
        </NativeSelect>
      </FormField>
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" data-testid="prospect-form">
      <Card>
        <CardHeader>
          <CardTitle>{t("form.company")}</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-2">
          {text("company", { required: true, autoComplete: "organization" })}
          {select(
            "source",
            <>
              {prospect ? null : <option value="">{t("sizes.unknown")}</option>}
              {PROSPECT_SOURCES.map((source) => (
                <option key={source} value={source}>
                  {t(`sources.${source}`)}
                </option>
              ))}
            </>,
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t("form.contact")}</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-2">
          {text("contact_name", { autoComplete: "name" })}
          {text("email", { type: "email", inputMode: "email", autoComplete: "email" })}
          {text("phone", { type: "tel", inputMode: "tel", autoComplete: "tel" })}
          {text("whatsapp", { type: "tel", inputMode: "tel", hint: t("form.fields.whatsappHint") })}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t("form.deal")}</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-2">
          {text("estimated_value", { inputMode: "numeric" })}
          {text("probability", { inputMode: "numeric", hint: t("form.fields.probabilityHint") })}
          {prospect
            ? null
            : select(
                "stage_id",
                <>
                  {openStages.map((stage, index) => (
                    <option key={stage.id} value={index === 0 ? "" : stage.id}>
                      {stage.name}
                    </option>
                  ))}
                </>,
              )}
          {select(
            "owner_id",
            <>
              <option value="">{t("form.fields.noOwner")}</option>
              {staff.map((member) => (
                <option key={member.id} value={member.id}>
                  {member.name}
                </option>
              ))}
              {prospect?.owner_id && !staff.some((m) => m.id === prospect.owner_id) ? <option value={prospect.owner_id}>{prospect.owner_name}</option> : null}
            </>,
          )}
          {text("expected_close", { type: "date" })}
          {text("next_follow_up", { type: "date" })}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t("form.segmentation")}</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-2">
          {text("sector")}
          {text("city", { autoComplete: "address-level2" })}
          {select(
            "size",
            <>
              <option value="">{t("sizes.unknown")}</option>
              {CLIENT_SIZES.map((size) => (
                <option key={size} value={size}>
                  {t(`sizes.${size}`)}
                </option>
              ))}
            </>,
          )}
          {text("tags", { hint: t("form.fields.tagsHint") })}
          <FormField id="prospect-notes" label={t("form.fields.notes")} optional={tc("optional")} error={errors.notes?.message} className="sm:col-span-2">
            <Textarea {...controlProps("prospect-notes", errors.notes?.message)} {...form.register("notes")} rows={4} />
          </FormField>
        </CardContent>
      </Card>
      <FormError message={formError} />
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button type="button" variant="outline" onClick={() => (onDone ? onDone() : router.back())}>
          {tc("cancel")}
        </Button>
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? tc("saving") : prospect ? tc("save") : t("form.create")}
        </Button>
      </div>
    </form>
  );
}
