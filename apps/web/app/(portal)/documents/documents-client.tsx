"use client";

import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { useClientScope } from "@/components/client-scope";
import { DocumentList } from "@/components/documents/document-list";
import { UploadZone } from "@/components/documents/upload-zone";
import { PageHeader } from "@/components/states";
import { TitledCard } from "@/components/titled-card";
import { NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { canUploadDocuments } from "@/lib/permissions";
import { useMe } from "@/queries/me";
import { useProjects } from "@/queries/projects";
import { StorageUsage } from "./storage-usage";

export function DocumentsClient() {
  const t = useTranslations("documents");
  const me = useMe();
  const { clientId } = useClientScope();
  const projects = useProjects({ client: clientId });
  const [project, setProject] = useState("");
  const all = useMemo(() => projects.data?.results ?? [], [projects.data]);
  const names = useMemo(() => new Map(all.map((p) => [p.id, p.name])), [all]);
  // Files go to a project the user may add to; finished and cancelled projects keep their files.
  const uploadable = useMemo(
    () =>
      all.filter(
        (p) => canUploadDocuments(p.client_id, me.data) && p.status !== "cancelled" && p.status !== "completed",
      ),
    [all, me.data],
  );
  const canUpload = uploadable.length > 0;
  // The chosen client, or the only one: the storage quota is a client's.
  const usageClient = clientId ?? (me.data?.client_ids.length === 1 ? me.data.client_ids[0] : undefined);

  return (
    <div className="flex flex-col gap-4">
      <PageHeader title={t("title")} description={t("intro")} />
      <StorageUsage clientId={usageClient} />
      {canUpload ? (
        <TitledCard titleId="upload-title" title={t("upload.title")}>
          <UploadZone projects={uploadable} />
        </TitledCard>
      ) : me.data && projects.data && all.length > 0 ? (
        <p className="text-sm text-muted-foreground">{t("upload.readOnly")}</p>
      ) : null}
      <section aria-labelledby="list-title" className="flex flex-col gap-3">
        <h2 id="list-title" className="sr-only">
          {t("title")}
        </h2>
        <DocumentList
          filters={{ client: clientId, project: project || undefined }}
          projectNames={names}
          canUpload={canUpload}
          toolbar={
            <div className="flex w-full flex-col gap-1.5 sm:max-w-xs">
              <Label htmlFor="document-project">{t("filterProject")}</Label>
              <NativeSelect id="document-project" value={project} onChange={(e) => setProject(e.target.value)}>
                <option value="">{t("allProjects")}</option>
                {all.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </NativeSelect>
            </div>
          }
        />
      </section>
    </div>
  );
}
