"use client";

import { useTranslations } from "next-intl";
import { useQuery } from "@tanstack/react-query";
import { NotFoundState, StaffRecord } from "@/components/admin/billing/record";
import { BackLink, PageHeader } from "@/components/states";
import { adminApi } from "@/lib/api/admin";
import { adminClientKeys } from "@/queries/admin-clients";
import { useProject } from "@/queries/projects";
import { isUuid } from "./list-state";
import { ProjectForm } from "./project-form";

/** The new-project form; `clientId` (from `?client=`) comes chosen, with its name. */
export function NewProject({ clientId }: { clientId?: string }) {
  const t = useTranslations("admin.projects");
  const client = clientId && isUuid(clientId) ? clientId : undefined;
  const name = useQuery({
    queryKey: adminClientKeys.detail(client ?? ""),
    queryFn: () => adminApi().clients.get(client ?? ""),
    enabled: Boolean(client),
  });
  return (
    <div className="mx-auto flex max-w-3xl flex-col">
      <BackLink href={client ? `/admin/clients/${client}#projects` : "/admin/projets"} label={client && name.data ? t("backToClient", { client: name.data.name }) : t("backToList")} />
      <PageHeader title={t("form.newTitle")} description={t("form.newIntro")} />
      <ProjectForm clientId={client} clientName={name.data?.name} />
    </div>
  );
}

export function EditProject({ id }: { id: string }) {
  const t = useTranslations("admin.projects");
  const project = useProject(id);
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-2">
      <BackLink href={`/admin/projets/${id}`} label={t("backToProject")} />
      <StaffRecord
        query={project}
        notFound={<NotFoundState title={t("detail.notFoundTitle")} text={t("detail.notFoundText")} action={{ href: "/admin/projets", label: t("backToList") }} />}
      >
        {(data) => (
          <>
            <PageHeader title={t("form.editTitle")} description={data.name} />
            <ProjectForm project={data} />
          </>
        )}
      </StaffRecord>
    </div>
  );
}
