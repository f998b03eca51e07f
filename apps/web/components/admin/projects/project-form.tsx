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
import type { Project } from "@/lib/api/types";
import { useErrorMessage } from "@/lib/use-error-message";
import { ClientPicker, ManagerPicker } from "./pickers";
import {
  PROJECT_FIELDS,
  emptyProjectForm,
  projectFormSchema,
  projectFormValues,
  projectStatusChoices,
  toProjectCreate,
  toProjectUpdate,
  type ProjectFormValues,
} from "./project-schema";
import { useSaveProject } from "./queries";

/** A project's client, name, dates, manager, budget and status: creates one, or changes `project`. */
export function ProjectForm({ project, clientId, clientName }: { project?: Project; clientId?: string; clientName?: string }) {
  const t = useTranslations("admin.projects");
  const tc = useTranslations("common");
  const router = useRouter();
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const save = useSaveProject(project?.id);
  const [formError, setFormError] = useState<string>();

  const schema = useMemo(
    () =>
      projectFormSchema({
        clientRequired: t("form.errors.clientRequired"),
        nameRequired: t("form.errors.nameRequired"),
        tooLong: (max) => t("form.errors.tooLong", { max }),
        dueBeforeStart: t("form.errors.dueBeforeStart"),
        budget: t("form.errors.budget"),
      }),
    [t],
  );
  const form = useForm<ProjectFormValues>({
    resolver: zodResolver(schema),
    defaultValues: project ? projectFormValues(project) : emptyProjectForm(clientId),
  });
  const errors = form.formState.errors;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(undefined);
    try {
      const saved = await save.mutateAsync(project ? toProjectUpdate(values, project) : toProjectCreate(values));
      toast.show("success", project ? t("form.updated") : t("form.created", { name: saved.name }));
      router.push(`/admin/projets/${saved.id}`);
    } catch (error) {
      setFormError(applyApiErrors(error, form.setError, PROJECT_FIELDS, errorMessage));
    }
  });

  const dateField = (name: "start_date" | "due_date") => {
    const id = `project-${name}`;
    const error = errors[name]?.message;
    return (
      <FormField id={id} label={t(`fields.${name}`)} error={error} optional={tc("optional")}>
        <Input {...controlProps(id, error)} type="date" {...form.register(name)} />
      </FormField>
    );
  };

  const budgetHint = t("fields.budgetHint");

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <Card>
        <CardHeader>
          <CardTitle>{t("form.project")}</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-2">
          <Controller
            control={form.control}
            name="client_id"
            render={({ field, fieldState }) => (
              <FormField
                id="project-client"
                label={t("fields.client")}
                error={fieldState.error?.message}
                hint={project ? t("fields.clientFixed") : undefined}
                className="sm:col-span-2"
              >
                {project ? (
                  <Input {...controlProps("project-client", undefined, t("fields.clientFixed"))} value={project.client_name} readOnly />
                ) : (
                  <ClientPicker
                    {...controlProps("project-client", fieldState.error?.message)}
                    value={field.value}
                    selectedName={clientName}
                    emptyLabel={t("fields.chooseClient")}
                    onChange={(id) => field.onChange(id)}
                    onBlur={field.onBlur}
                  />
                )}
              </FormField>
            )}
          />
          <FormField id="project-name" label={t("fields.name")} error={errors.name?.message} className="sm:col-span-2">
            <Input {...controlProps("project-name", errors.name?.message)} {...form.register("name")} />
          </FormField>
          <FormField id="project-description" label={t("fields.description")} optional={tc("optional")} error={errors.description?.message} className="sm:col-span-2">
            <Textarea {...controlProps("project-description", errors.description?.message)} {...form.register("description")} rows={4} />
          </FormField>
          {dateField("start_date")}
          {dateField("due_date")}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t("form.follow")}</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-2">
          <Controller
            control={form.control}
            name="manager_id"
            render={({ field, fieldState }) => (
              <FormField id="project-manager" label={t("fields.manager")} optional={tc("optional")} error={fieldState.error?.message}>
                <ManagerPicker
                  {...controlProps("project-manager", fieldState.error?.message)}
                  value={field.value}
                  emptyLabel={t("fields.noManager")}
                  onChange={field.onChange}
                  onBlur={field.onBlur}
                />
              </FormField>
            )}
          />
          <FormField id="project-budget" label={t("fields.budget")} optional={tc("optional")} error={errors.budget?.message} hint={budgetHint}>
            <Input {...controlProps("project-budget", errors.budget?.message, budgetHint)} inputMode="numeric" autoComplete="off" placeholder="2 500 000" {...form.register("budget")} />
          </FormField>
          <FormField id="project-status" label={t("fields.status")} error={errors.status?.message}>
            <NativeSelect {...controlProps("project-status", errors.status?.message)} {...form.register("status")}>
              {projectStatusChoices(project?.status ?? null).map((status) => (
                <option key={status} value={status}>
                  {t(`status.${status}`)}
                </option>
              ))}
            </NativeSelect>
          </FormField>
        </CardContent>
      </Card>
      <FormError message={formError} />
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button type="button" variant="outline" onClick={() => router.back()}>
          {tc("cancel")}
        </Button>
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? tc("saving") : project ? tc("save") : t("form.create")}
        </Button>
      </div>
    </form>
  );
}
