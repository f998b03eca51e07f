"use client";

import { Download, File, FileArchive, FileImage, FileSpreadsheet, FileText, Search, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { ListShell, LoadMoreButton, SkeletonRows } from "@/components/list-shell";
import { useToast } from "@/components/toaster";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { DocumentDto } from "@/lib/api/types";
import { formatDate, formatFileSize } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { useErrorMessage } from "@/lib/use-error-message";
import { documentDownload, useDeleteDocument, useDocuments, type DocumentFilters } from "@/queries/documents";

const FILE_ICONS = { image: FileImage, text: FileText, sheet: FileSpreadsheet, archive: FileArchive, other: File } as const;

function FileIcon({ contentType }: { contentType: string | null }) {
  const type = contentType ?? "";
  const kind: keyof typeof FILE_ICONS = type.startsWith("image/")
    ? "image"
    : type.includes("sheet") || type.includes("excel") || type === "text/csv"
      ? "sheet"
      : type === "application/pdf" || type.startsWith("text/") || type.includes("word") || type.includes("opendocument.text")
        ? "text"
        : type.includes("zip")
          ? "archive"
          : "other";
  const Icon = FILE_ICONS[kind];
  return <Icon className="mt-0.5 size-5 shrink-0 text-muted-foreground" aria-hidden="true" />;
}

function useDebounced<T>(value: T, delay = 300): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return debounced;
}

function DocumentRow({
  document,
  projectName,
  onDelete,
}: {
  document: DocumentDto;
  projectName?: string;
  onDelete: (document: DocumentDto) => void;
}) {
  const t = useTranslations("documents");
  const locale = useAppLocale();
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const [opening, setOpening] = useState(false);
  const date = formatDate(document.completed_at ?? document.created_at, locale);

  // The API gives a link valid a few minutes that answers "attachment": going there downloads
  // the file and the page stays where it is.
  const download = async () => {
    setOpening(true);
    try {
      const { url } = await documentDownload(document.id);
      window.location.assign(url);
    } catch (error) {
      toast.show("error", errorMessage(error));
    } finally {
      setOpening(false);
    }
  };

  return (
    <li className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center sm:gap-3" data-testid="document-row">
      <div className="flex min-w-0 flex-1 items-start gap-3">
        <FileIcon contentType={document.content_type} />
        <div className="min-w-0 flex-1">
          <p className="flex flex-wrap items-center gap-1.5 font-medium break-all">
            {document.filename}
            {document.visibility === "internal" ? <Badge tone="warning">{t("internal")}</Badge> : null}
          </p>
          <p className="text-xs text-muted-foreground">
            {[
              document.size ? formatFileSize(document.size, locale) : null,
              projectName,
              document.uploaded_by ? t("uploadedBy", { name: document.uploaded_by.name, date }) : t("uploadedOn", { date }),
            ]
              .filter(Boolean)
              .join(" · ")}
          </p>
        </div>
      </div>
      <div className="flex shrink-0 gap-2 pl-8 sm:pl-0">
        <Button
          variant="outline"
          size="sm"
          onClick={download}
          disabled={opening}
          aria-label={t("downloadFile", { name: document.filename })}
          className="flex-1 sm:flex-none"
        >
          <Download aria-hidden="true" />
          {opening ? t("downloading") : t("download")}
        </Button>
        {document.can_delete ? (
          <Button variant="ghost" size="icon" onClick={() => onDelete(document)} aria-label={t("deleteFile", { name: document.filename })}>
            <Trash2 aria-hidden="true" />
          </Button>
        ) : null}
      </div>
    </li>
  );
}

/**
 * Documents, newest first, with a search; a page at a time ("Afficher plus"). `projectNames`
 * adds the project of each file (the all-documents page).
 */
export function DocumentList({
  filters,
  projectNames,
  canUpload,
  searchable = true,
  toolbar,
}: {
  filters: DocumentFilters;
  /** More filters, beside the search. */
  toolbar?: React.ReactNode;
  projectNames?: Map<string, string>;
  /** Changes what the empty list suggests. */
  canUpload: boolean;
  searchable?: boolean;
}) {
  const t = useTranslations("documents");
  const tc = useTranslations("common");
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const [search, setSearch] = useState("");
  const debounced = useDebounced(search.trim());
  const documents = useDocuments({ ...filters, search: debounced || undefined });
  const remove = useDeleteDocument();
  const [toDelete, setToDelete] = useState<DocumentDto | null>(null);
  const count = documents.data?.pages[0]?.count ?? 0;
  const searchId = `document-search-${filters.project ?? "all"}`;
  // A search box over an empty list is noise: it shows once there is something to search.
  const showSearch = searchable && (count > 0 || search !== "" || documents.isPending);

  const confirmDelete = async () => {
    if (!toDelete) return;
    try {
      await remove.mutateAsync(toDelete.id);
      toast.show("success", t("deleted"));
    } catch (error) {
      toast.show("error", errorMessage(error));
    } finally {
      setToDelete(null);
    }
  };

  return (
    <div className="flex flex-col gap-3">
      {showSearch || toolbar ? (
        <div className="flex flex-wrap items-end gap-3">
          {toolbar}
          {showSearch ? (
            <div className="flex w-full flex-col gap-1.5 sm:max-w-xs">
              <Label htmlFor={searchId}>{t("search")}</Label>
              <div className="relative">
                <Search
                  className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground"
                  aria-hidden="true"
                />
                <Input
                  id={searchId}
                  type="search"
                  value={search}
                  onChange={(e) => setSearch(e.target.value)}
                  placeholder={t("searchPlaceholder")}
                  className="pl-9"
                  enterKeyHint="search"
                />
              </div>
            </div>
          ) : null}
          {count > 0 ? <p className="text-sm text-muted-foreground sm:ml-auto">{t("count", { count })}</p> : null}
        </div>
      ) : null}
      <ListShell
        query={documents}
        items={documents.data?.pages.flatMap((page) => page.results) ?? []}
        skeleton={<SkeletonRows row="h-16" />}
        empty={{
          text: debounced ? t("empty") : canUpload ? t("emptyAll") : t("emptyReadOnly"),
          action: debounced ? (
            <Button variant="outline" onClick={() => setSearch("")}>
              {t("resetFilters")}
            </Button>
          ) : undefined,
        }}
      >
        {(rows) => (
          <>
            <ul className="divide-y rounded-lg border bg-card" data-testid="document-list">
              {rows.map((document) => (
                <DocumentRow
                  key={document.id}
                  document={document}
                  projectName={document.project_id ? projectNames?.get(document.project_id) : undefined}
                  onDelete={setToDelete}
                />
              ))}
            </ul>
            <LoadMoreButton query={documents} label={t("loadMore")} />
          </>
        )}
      </ListShell>
      <ConfirmDialog
        open={toDelete !== null}
        onOpenChange={(open) => (open ? undefined : setToDelete(null))}
        title={t("deleteTitle")}
        description={t("deleteText", { name: toDelete?.filename ?? "" })}
        confirmLabel={t("delete")}
        cancelLabel={tc("cancel")}
        onConfirm={confirmDelete}
        pending={remove.isPending}
        tone="destructive"
      />
    </div>
  );
}
