"use client";

import { FileText } from "lucide-react";
import { useTranslations } from "next-intl";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
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
    <Card aria-labelledby="documents-title" data-slot="documents">
      <CardHeader>
        <CardTitle id="documents-title" className="flex items-center gap-2">
          <FileText className="size-5 text-primary" aria-hidden="true" />
          {t("sectionTitle")}
        </CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {canUpload ? (
          <UploadZone projectId={projectId} />
        ) : me.data && clientId ? (
          <p className="text-sm text-muted-foreground">{t("upload.readOnly")}</p>
        ) : null}
        <DocumentList filters={{ project: projectId }} canUpload={canUpload} />
      </CardContent>
    </Card>
  );
}
