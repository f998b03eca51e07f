"use client";

import { useTranslations } from "next-intl";
import { useQuery } from "@tanstack/react-query";
import { isUuid } from "@/components/admin/projects/list-state";
import { DetailSkeleton, RecordShell } from "@/components/record-shell";
import { BackLink, PageHeader } from "@/components/states";
import { adminApi } from "@/lib/api/admin";
import { adminClientKeys } from "@/queries/admin-clients";
import { api, unwrap } from "@/lib/api/client";
import { projectKeys } from "@/queries/projects";
import { useBillingSettings, useDraft } from "../desk-queries";
import { documentPath, listPath } from "../paths";
import { NotFoundState, StaffRecord } from "../record";
import { DocumentEditor, NotEditable } from "./document-editor";
import { documentFormValues, newDocumentValues, type DocumentKind } from "./document-form";

const SKELETON = <DetailSkeleton blocks={["h-40", "h-64", "h-40"]} />;

/**
 * A new draft. `?client=` chooses its client, `?projet=` its project (and the project's client);
 * the dates, terms and first line's rate come from the billing settings.
 */
export function NewDocument({ kind, clientId, projectId }: { kind: DocumentKind; clientId?: string; projectId?: string }) {
  const t = useTranslations("admin.billing.editor");
  const settings = useBillingSettings();
  const wantsProject = Boolean(projectId && isUuid(projectId));
  const project = useQuery({
    queryKey: projectKeys.detail(projectId ?? ""),
    queryFn: () => unwrap(api.GET("/api/projects/{id}/", { params: { path: { id: projectId ?? "" } } })),
    enabled: wantsProject,
  });
  const client = clientId && isUuid(clientId) ? clientId : wantsProject ? project.data?.client_id : undefined;
  const clientName = useQuery({
    queryKey: adminClientKeys.detail(client ?? ""),
    queryFn: () => adminApi().clients.get(client ?? ""),
    enabled: Boolean(client),
  });
  // The project must be known before the form starts: it gives the client.
  const ready = !wantsProject || !project.isPending || project.isError;
  return (
    <div className="mx-auto flex w-full max-w-6xl flex-col">
      <BackLink href={listPath(kind)} label={t(`backToList.${kind}`)} />
      <PageHeader title={t(`newTitle.${kind}`)} description={t(`newIntro.${kind}`)} />
      <RecordShell query={settings} skeleton={SKELETON}>
        {(data) =>
          ready ? (
            <DocumentEditor
              kind={kind}
              settings={data}
              clientName={clientName.data?.name}
              projectName={project.data?.name}
              defaults={newDocumentValues({
                taxRate: data.default_tax_rate,
                days: kind === "invoice" ? data.default_due_days : data.quote_validity_days,
                paymentTerms: data.payment_terms,
                clientId: client,
                projectId: wantsProject && project.data?.client_id === client ? projectId : undefined,
              })}
            />
          ) : (
            SKELETON
          )
        }
      </RecordShell>
    </div>
  );
}

/** A draft's editor; a document already sent says it can no longer change. */
export function EditDocument({ kind, id }: { kind: DocumentKind; id: string }) {
  const t = useTranslations("admin.billing.editor");
  const tb = useTranslations("admin.billing");
  const draft = useDraft(kind, id);
  const settings = useBillingSettings();
  const notFound = kind === "invoice" ? tb("invoice.notFoundTitle") : tb("quote.notFoundTitle");
  const notFoundText = kind === "invoice" ? tb("invoice.notFoundText") : tb("quote.notFoundText");
  return (
    <div className="mx-auto flex w-full max-w-6xl flex-col">
      <BackLink href={documentPath(kind, id)} label={t(`backToDocument.${kind}`)} />
      <StaffRecord query={draft} notFound={<NotFoundState title={notFound} text={notFoundText} action={{ href: listPath(kind), label: t(`backToList.${kind}`) }} />}>
        {(document) => (
          <>
            <PageHeader
              title={document.status === "draft" ? t(`editTitle.${kind}`) : t(`notEditableTitle.${kind}`)}
              description={document.client_name + (document.title ? ` · ${document.title}` : "")}
            />
            {document.status !== "draft" ? (
              <NotEditable kind={kind} document={document} />
            ) : (
              <RecordShell query={settings} skeleton={SKELETON}>
                {(data) => (
                  <DocumentEditor
                    key={document.id}
                    kind={kind}
                    document={document}
                    settings={data}
                    projectName={document.project_name}
                    defaults={documentFormValues(document, kind)}
                  />
                )}
              </RecordShell>
            )}
          </>
        )}
      </StaffRecord>
    </div>
  );
}
