"use client";

import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { ArrowLeft } from "lucide-react";
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { text, type Infer, z } from "@/lib/validation";
import { useClientScope } from "@/components/client-scope";
import { FormError, FormField, applyApiErrors, controlProps } from "@/components/form";
import { PageHeader } from "@/components/states";
import { useToast } from "@/components/toaster";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Input, NativeSelect, Textarea } from "@/components/ui/input";
import type { Priority } from "@/lib/api/types";
import { PRIORITIES } from "@/lib/api/types";
import { useErrorMessage } from "@/lib/use-error-message";
import { useProjects } from "@/queries/projects";
import { useCreateTicket } from "@/queries/tickets";

const FIELDS = ["subject", "message", "project_id", "priority"] as const;

export function NewTicketForm() {
  const t = useTranslations("support");
  const tt = useTranslations("tasks");
  const tc = useTranslations("common");
  const router = useRouter();
  const params = useSearchParams();
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const { clientId } = useClientScope();
  const projects = useProjects({ client: clientId });
  const create = useCreateTicket();
  const [formError, setFormError] = useState<string>();

  const schema = z.object({
    subject: text({ required: t("subjectRequired"), max: 200 }),
    message: text({ required: t("messageRequired") }),
    project_id: z.string(),
    priority: z.enum(PRIORITIES as [Priority, ...Priority[]]),
  });
  type Values = Infer<typeof schema>;
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { subject: "", message: "", project_id: params.get("projet") ?? "", priority: "normal" },
  });
  const errors = form.formState.errors;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(undefined);
    try {
      const ticket = await create.mutateAsync({
        subject: values.subject,
        message: values.message,
        priority: values.priority,
        project_id: values.project_id || null,
        ...(clientId ? { client_id: clientId } : {}),
      });
      toast.show("success", t("created"));
      router.push(`/support/${ticket.id}`);
    } catch (error) {
      setFormError(applyApiErrors(error, form.setError, FIELDS, errorMessage));
    }
  });

  return (
    <div className="mx-auto max-w-2xl">
      <Link href="/support" className="mb-2 inline-flex min-h-11 items-center gap-1 text-sm font-medium text-primary">
        <ArrowLeft className="size-4" aria-hidden="true" />
        {t("backToList")}
      </Link>
      <PageHeader title={t("newTitle")} description={t("newIntro")} />
      <Card>
        <CardContent className="pt-4">
          <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
            <FormField id="ticket-subject" label={t("subject")} error={errors.subject?.message}>
              <Input {...controlProps("ticket-subject", errors.subject?.message)} {...form.register("subject")} autoComplete="off" />
            </FormField>
            <FormField id="ticket-project" label={t("project")} optional={tc("optional")} error={errors.project_id?.message}>
              <NativeSelect {...controlProps("ticket-project", errors.project_id?.message)} {...form.register("project_id")}>
                <option value="">{t("noProject")}</option>
                {(projects.data?.results ?? []).map((project) => (
                  <option key={project.id} value={project.id}>
                    {project.name}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
            <FormField id="ticket-priority" label={t("priorityLabel")} error={errors.priority?.message}>
              <NativeSelect {...controlProps("ticket-priority", errors.priority?.message)} {...form.register("priority")}>
                {PRIORITIES.map((p) => (
                  <option key={p} value={p}>
                    {tt(`priority.${p}`)}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
            <FormField id="ticket-message" label={t("message")} error={errors.message?.message}>
              <Textarea {...controlProps("ticket-message", errors.message?.message)} {...form.register("message")} rows={6} />
            </FormField>
            <FormError message={formError} />
            <Button type="submit" disabled={create.isPending} className="sm:self-end">
              {create.isPending ? tc("sending") : t("submit")}
            </Button>
          </form>
        </CardContent>
      </Card>
    </div>
  );
}
