"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { zodResolver } from "@hookform/resolvers/zod";
import { Eye, Save, Send } from "lucide-react";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { Controller, useForm, useWatch, type Path } from "react-hook-form";
import { useQuery } from "@tanstack/react-query";
import { ClientPicker, ProjectPicker } from "@/components/admin/projects/pickers";
import { FormError, FormField, controlProps } from "@/components/form";
import { useToast } from "@/components/toaster";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input, Textarea } from "@/components/ui/input";
import { adminApi } from "@/lib/api/admin";
import { isApiError } from "@/lib/api/errors";
import { useErrorMessage } from "@/lib/use-error-message";
import { adminClientKeys } from "@/queries/admin-clients";
import type { BillingSettings, Invoice, Quote } from "@/lib/api/types";
import { useSaveDocument, useSendDocument } from "../desk-queries";
import { documentPath, editPath } from "../paths";
import { useConflictMessage } from "../use-conflict-message";
import {
  addDays,
  documentFormSchema,
  lineInputs,
  mapServerErrors,
  toCreateRequest,
  toUpdateRequest,
  type DocumentFormValues,
  type DocumentKind,
} from "./document-form";
import { LinesCard } from "./lines-editor";

type Document = Invoice | Quote;

/** The client's name, currency and billing address: for the send dialog and the totals' currency. */
function useClient(clientId: string) {
  return useQuery({
    queryKey: adminClientKeys.detail(clientId),
    queryFn: () => adminApi().clients.get(clientId),
    enabled: Boolean(clientId),
  });
}

/**
 * The editor of a draft quote or invoice: client and project, title, lines, discount, dates, terms
 * and notes, with the server's totals as they are typed. "Enregistrer le brouillon", "Aperçu PDF"
 * (saves, then opens the draft's PDF) and "Envoyer" (saves, gives the number, emails the client).
 */
export function DocumentEditor({
  kind,
  document,
  defaults,
  settings,
  clientName,
  projectName,
}: {
  kind: DocumentKind;
  /** The draft being changed; none for a new one. */
  document?: Document;
  defaults: DocumentFormValues;
  settings: BillingSettings;
  clientName?: string;
  projectName?: string | null;
}) {
  const t = useTranslations("admin.billing.editor");
  const tc = useTranslations("common");
  const router = useRouter();
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const conflictMessage = useConflictMessage();
  const save = useSaveDocument();
  const send = useSendDocument();
  const [savedId, setSavedId] = useState(document?.id);
  const [formError, setFormError] = useState<string>();
  const [confirmSend, setConfirmSend] = useState(false);
  const prefix = `${kind}-editor`;
  const days = kind === "invoice" ? settings.default_due_days : settings.quote_validity_days;

  const schema = useMemo(
    () =>
      documentFormSchema({
        clientRequired: t("errors.clientRequired"),
        labelRequired: t("errors.labelRequired"),
        quantity: t("errors.quantity"),
        unitPrice: t("errors.unitPrice"),
        taxRate: t("errors.taxRate"),
        percent: t("errors.percent"),
        endBeforeIssue: t(`errors.endBeforeIssue.${kind}`),
        tooLong: (max) => t("errors.tooLong", { max }),
        tooManyLines: t("errors.tooManyLines"),
      }),
    [t, kind],
  );
  const form = useForm<DocumentFormValues>({ resolver: zodResolver(schema), defaultValues: defaults, mode: "onTouched" });
  const errors = form.formState.errors;
  const clientId = useWatch({ control: form.control, name: "client_id" });
  const client = useClient(clientId);
  const currency = document?.currency ?? client.data?.currency ?? "XOF";
  const busy = save.isPending || send.isPending;

  /** The API's refusal on the form: 400s next to their fields, 409s in words. */
  const showError = (error: unknown, rows: number[]) => {
    if (isApiError(error) && error.status === 400) {
      const { fields, rest } = mapServerErrors(error.fieldErrors, rows);
      for (const [path, message] of Object.entries(fields)) form.setError(path as Path<DocumentFormValues>, { type: "server", message });
      const general = [...error.generalErrors, ...rest];
      setFormError(general.length ? general.join(" ") : Object.keys(fields).length ? t("errors.fixFields") : errorMessage(error));
      return;
    }
    setFormError(conflictMessage(error) ?? errorMessage(error));
  };

  /** Creates or changes the draft; the API's answer, or null when it refused (the form says why). */
  const persist = async (values: DocumentFormValues): Promise<Document | null> => {
    setFormError(undefined);
    const { rows } = lineInputs(values.lines);
    try {
      const saved = await save.mutateAsync({
        kind,
        id: savedId,
        body: savedId ? toUpdateRequest(kind, values) : toCreateRequest(kind, values),
      });
      setSavedId(saved.id);
      return saved;
    } catch (error) {
      showError(error, rows);
      return null;
    }
  };

  const onSaveDraft = form.handleSubmit(async (values) => {
    const saved = await persist(values);
    if (!saved) return;
    toast.show("success", t(`saved.${kind}`));
    form.reset(values);
    // A new draft gets its own address, so that a reload or the back button finds it.
    if (!document) router.replace(editPath(kind, saved.id));
  });

  const onPreview = () => {
    // Opened now, while the click still counts: a window opened after the save would be blocked.
    const preview = window.open("", "_blank");
    void form.handleSubmit(
      async (values) => {
        const saved = await persist(values);
        if (!saved) {
          preview?.close();
          return;
        }
        form.reset(values);
        if (preview) {
          preview.opener = null;
          preview.location.href = saved.pdf_url;
        } else {
          window.location.assign(saved.pdf_url);
        }
        if (!document) router.replace(editPath(kind, saved.id));
      },
      () => preview?.close(),
    )();
  };

  const onSend = form.handleSubmit((values) => {
    if (lineInputs(values.lines).items.length === 0) {
      form.setError("lines", { type: "manual", message: t(`errors.noLine.${kind}`) });
      return;
    }
    setConfirmSend(true);
  });

  const doSend = async () => {
    const values = form.getValues();
    const saved = await persist(values);
    if (!saved) {
      setConfirmSend(false);
      return;
    }
    try {
      const sent = await send.mutateAsync({ kind, id: saved.id });
      toast.show("success", t(`sent.${kind}`, { number: sent.number ?? "" }));
      router.push(documentPath(kind, sent.id));
    } catch (error) {
      setConfirmSend(false);
      showError(error, lineInputs(values.lines).rows);
      if (!document) router.replace(editPath(kind, saved.id));
    }
  };

  const recipients = client.data?.billing_email
    ? t("confirmSend.recipients", { email: client.data.billing_email, client: client.data.name })
    : t("confirmSend.ownersOnly", { client: client.data?.name ?? clientName ?? "" });

  const dateField = (name: "issue_date" | "end_date") => {
    const id = `${prefix}-${name}`;
    const error = errors[name]?.message;
    const hint = name === "issue_date" ? t("fields.issueDateHint") : t(`fields.endDateHint.${kind}`, { days });
    const registered = form.register(name, {
      // On a new document, a due date (or validity) nobody chose follows the issue date.
      onChange: (event: React.ChangeEvent<HTMLInputElement>) => {
        if (name === "issue_date" && !document && !form.getFieldState("end_date").isDirty && event.target.value) {
          form.setValue("end_date", addDays(event.target.value, days));
        }
      },
    });
    return (
      <FormField id={id} label={name === "issue_date" ? t("fields.issueDate") : t(`fields.endDate.${kind}`)} error={error} hint={hint} optional={tc("optional")}>
        <Input {...controlProps(id, error, hint)} type="date" {...registered} />
      </FormField>
    );
  };

  return (
    <form onSubmit={onSaveDraft} noValidate className="flex flex-col gap-4" data-testid="document-editor">
      <Card>
        <CardHeader>
          <CardTitle>{t("sections.client")}</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-2">
          <Controller
            control={form.control}
            name="client_id"
            render={({ field, fieldState }) => (
              <FormField
                id={`${prefix}-client`}
                label={t("fields.client")}
                error={fieldState.error?.message}
                hint={document ? t("fields.clientFixed") : undefined}
              >
                {document ? (
                  <Input {...controlProps(`${prefix}-client`, undefined, t("fields.clientFixed"))} value={document.client_name} readOnly />
                ) : (
                  <ClientPicker
                    {...controlProps(`${prefix}-client`, fieldState.error?.message)}
                    value={field.value}
                    selectedName={clientName}
                    emptyLabel={t("fields.chooseClient")}
                    onChange={(id) => {
                      field.onChange(id);
                      form.setValue("project_id", "");
                    }}
                    onBlur={field.onBlur}
                  />
                )}
              </FormField>
            )}
          />
          <Controller
            control={form.control}
            name="project_id"
            render={({ field, fieldState }) => (
              <FormField id={`${prefix}-project`} label={t("fields.project")} error={fieldState.error?.message} optional={tc("optional")}>
                <ProjectPicker
                  {...controlProps(`${prefix}-project`, fieldState.error?.message)}
                  clientId={clientId}
                  value={field.value}
                  selectedName={projectName}
                  emptyLabel={t("fields.noProject")}
                  noClientLabel={t("fields.chooseClientFirst")}
                  onChange={field.onChange}
                  onBlur={field.onBlur}
                />
              </FormField>
            )}
          />
          <FormField id={`${prefix}-title`} label={t("fields.title")} error={errors.title?.message} optional={tc("optional")} className="sm:col-span-2">
            <Input {...controlProps(`${prefix}-title`, errors.title?.message)} placeholder={t(`fields.titlePlaceholder.${kind}`)} {...form.register("title")} />
          </FormField>
        </CardContent>
      </Card>

      <LinesCard form={form} prefix={prefix} settings={settings} currency={currency} />

      <Card>
        <CardHeader>
          <CardTitle>{t("sections.terms")}</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-2">
          {dateField("issue_date")}
          {dateField("end_date")}
          <FormField id={`${prefix}-terms`} label={t("fields.paymentTerms")} error={errors.payment_terms?.message} hint={t("fields.paymentTermsHint")} className="sm:col-span-2">
            <Textarea {...controlProps(`${prefix}-terms`, errors.payment_terms?.message, t("fields.paymentTermsHint"))} rows={3} {...form.register("payment_terms")} />
          </FormField>
          <FormField id={`${prefix}-notes`} label={t("fields.notes")} error={errors.notes?.message} hint={t("fields.notesHint")} optional={tc("optional")} className="sm:col-span-2">
            <Textarea {...controlProps(`${prefix}-notes`, errors.notes?.message, t("fields.notesHint"))} rows={3} {...form.register("notes")} />
          </FormField>
        </CardContent>
      </Card>

      <FormError message={formError} />
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:flex-wrap sm:justify-end">
        <Button asChild variant="ghost">
          <Link href={savedId ? documentPath(kind, savedId) : kind === "invoice" ? "/admin/facturation/factures" : "/admin/facturation/devis"}>{tc("cancel")}</Link>
        </Button>
        <Button type="submit" variant="outline" disabled={busy}>
          <Save aria-hidden="true" />
          {save.isPending && !confirmSend ? tc("saving") : t("actions.saveDraft")}
        </Button>
        <Button type="button" variant="outline" disabled={busy} onClick={onPreview}>
          <Eye aria-hidden="true" />
          {t("actions.preview")}
        </Button>
        <Button type="button" disabled={busy} onClick={() => void onSend()}>
          <Send aria-hidden="true" />
          {t("actions.send")}
        </Button>
      </div>
      <ConfirmDialog
        open={confirmSend}
        onOpenChange={setConfirmSend}
        title={t(`confirmSend.title.${kind}`)}
        description={
          <>
            {t(`confirmSend.number.${kind}`)} {recipients}
          </>
        }
        confirmLabel={busy ? tc("sending") : t(`confirmSend.confirm.${kind}`)}
        cancelLabel={tc("cancel")}
        pending={busy}
        onConfirm={() => void doSend()}
      />
    </form>
  );
}

/** The page of a draft that is no longer one: says so, and leads to the document. */
export function NotEditable({ kind, document }: { kind: DocumentKind; document: Document }) {
  const t = useTranslations("admin.billing.editor");
  return (
    <Alert tone="warning" data-testid="not-editable">
      <p>{t(`notEditable.${kind}`, { number: document.number ?? "" })}</p>
      <Link href={documentPath(kind, document.id)} className="mt-2 inline-flex min-h-11 items-center font-medium text-primary hover:underline">
        {t(`open.${kind}`)}
      </Link>
    </Alert>
  );
}
