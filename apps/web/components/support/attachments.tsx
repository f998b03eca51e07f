"use client";

/**
 * A ticket message's files, for the portal and the back-office alike (no admin import here): the
 * list under a message with its download links, and the picker of a reply box. Files go up as
 * documents do (presign → storage → complete) with `ticket_id`; the message then names them.
 */
import { Download, FileText, Paperclip } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId, useRef, useState } from "react";
import { UploadRow } from "@/components/documents/upload-zone";
import { useUploads } from "@/components/documents/use-uploads";
import { Button } from "@/components/ui/button";
import type { components } from "@/lib/api/schema";
import type { DocumentVisibility } from "@/lib/api/types";
import { formatFileSize } from "@/lib/format";
import { ACCEPT, MAX_UPLOAD_BYTES } from "@/lib/uploads";
import { useAppLocale } from "@/lib/use-app-locale";
import { useErrorMessage } from "@/lib/use-error-message";
import { cn } from "@/lib/utils";
import { documentDownload } from "@/queries/documents";

export type Attachment = components["schemas"]["AttachmentDto"];

/** The API takes up to 10 files with one message. */
export const MAX_ATTACHMENTS = 10;

function AttachmentLink({ attachment }: { attachment: Attachment }) {
  const t = useTranslations("support.attachments");
  const locale = useAppLocale();
  const errorMessage = useErrorMessage();
  const [opening, setOpening] = useState(false);
  const [error, setError] = useState<string>();
  // The API gives a link valid a few minutes that answers "attachment": going there downloads.
  const download = async () => {
    setOpening(true);
    setError(undefined);
    try {
      const { url } = await documentDownload(attachment.id);
      window.location.assign(url);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setOpening(false);
    }
  };
  return (
    <li className="flex min-w-0 flex-col">
      <button
        type="button"
        onClick={download}
        disabled={opening}
        aria-label={t("download", { name: attachment.filename })}
        className="inline-flex min-h-9 max-w-full items-center gap-2 rounded-md border bg-background px-2.5 py-1 text-left text-xs hover:bg-accent disabled:opacity-60"
      >
        <FileText className="size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
        <span className="min-w-0 truncate font-medium text-primary">{attachment.filename}</span>
        <span className="shrink-0 text-muted-foreground">{formatFileSize(attachment.size, locale)}</span>
        <Download className="size-3.5 shrink-0 text-muted-foreground" aria-hidden="true" />
      </button>
      {error ? (
        <span role="alert" className="mt-1 text-xs text-destructive">
          {error}
        </span>
      ) : null}
    </li>
  );
}

/** The files sent with a message, each a download link; nothing without files. */
export function AttachmentList({ attachments, className }: { attachments: Attachment[]; className?: string }) {
  const t = useTranslations("support.attachments");
  if (attachments.length === 0) return null;
  return (
    <ul aria-label={t("label")} className={cn("mt-2 flex flex-wrap gap-2", className)} data-testid="message-attachments">
      {attachments.map((attachment) => (
        <AttachmentLink key={attachment.id} attachment={attachment} />
      ))}
    </ul>
  );
}

/**
 * The files of the reply being written: `ids` are the uploaded ones to send with it, `busy` while
 * some are still going up, `clear()` once the message is sent.
 */
export function useTicketAttachments(ticketId: string) {
  const uploads = useUploads();
  const ids = uploads.items.filter((item) => item.status === "done" && item.documentId).map((item) => item.documentId!);
  const pending = uploads.items.some((item) => item.status === "queued" || item.status === "preparing" || item.status === "uploading" || item.status === "finishing");
  return {
    ...uploads,
    ids,
    pending,
    add: (files: Iterable<File>, visibility: DocumentVisibility) => uploads.add(files, { ticket_id: ticketId }, visibility),
    /** After sending: the sent files leave the box (and failed ones with them). */
    clear: () => uploads.clearFinished(),
  };
}

export type TicketAttachments = ReturnType<typeof useTicketAttachments>;

/** "Joindre des fichiers" and the files chosen, each with its progress and the API's refusal if any. */
export function AttachmentPicker({ attachments, visibility, disabled }: { attachments: TicketAttachments; visibility: DocumentVisibility; disabled?: boolean }) {
  const t = useTranslations("support.attachments");
  const locale = useAppLocale();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const full = attachments.items.filter((item) => item.status !== "failed" && item.status !== "cancelled").length >= MAX_ATTACHMENTS;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <Button type="button" variant="outline" size="sm" disabled={disabled || full} onClick={() => input.current?.click()}>
          <Paperclip aria-hidden="true" />
          {t("add")}
        </Button>
        <span id={`${id}-hint`} className="text-xs text-muted-foreground">
          {full ? t("full", { max: MAX_ATTACHMENTS }) : t("hint", { max: formatFileSize(MAX_UPLOAD_BYTES, locale), count: MAX_ATTACHMENTS })}
        </span>
        <input
          ref={input}
          type="file"
          multiple
          accept={ACCEPT}
          className="hidden"
          data-testid="attachment-input"
          aria-describedby={`${id}-hint`}
          onChange={(event) => {
            const files = Array.from(event.target.files ?? []);
            const room = MAX_ATTACHMENTS - attachments.items.filter((item) => item.status !== "failed" && item.status !== "cancelled").length;
            if (files.length) attachments.add(files.slice(0, Math.max(0, room)), visibility);
            // The same file may be picked again after a cancel.
            event.target.value = "";
          }}
        />
      </div>
      {attachments.items.length > 0 ? (
        <ul className="flex flex-col gap-2" aria-label={t("chosen")} data-testid="attachment-uploads">
          {attachments.items.map((item) => (
            <UploadRow
              key={item.id}
              item={item}
              onCancel={() => attachments.cancel(item.id)}
              onRetry={() => attachments.retry(item.id)}
              onDismiss={() => attachments.dismiss(item.id)}
            />
          ))}
        </ul>
      ) : null}
    </div>
  );
}
