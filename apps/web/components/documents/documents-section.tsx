"use client";

import { FileText } from "lucide-react";
import { useTranslations } from "next-intl";
import { TitledCard } from "@/components/titled-card";
import { canUploadDocuments } from "@/lib/permissions";
import { useMe } from "@/queries/me";
import { DocumentList } from "./document-list";
import { UploadZone } from "./upload-zone";

/** The documents of one project, on its page: add files, then the list. */
export function DocumentsSection({ projectId, clientId }: { projectId: string; clientId: string | undefined }) {
  const t = useTranslations("documents");
  const me = useMe();
  const canUpload = canUploadDocuments(clientId, me.data);

  return (
    <TitledCard
      titleId="documents-title"
      title={t("sectionTitle")}
      icon={FileText}
      data-slot="documents"
      contentClassName="flex flex-col gap-4"
    >
      {canUpload ? (
        <UploadZone projectId={projectId} />
      ) : me.data && clientId ? (
        <p className="text-sm text-muted-foreground">{t("upload.readOnly")}</p>
      ) : null}
      <DocumentList filters={{ project: projectId }} canUpload={canUpload} />
    </TitledCard>
  );
}
