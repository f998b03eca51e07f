"use client";

import { CheckCircle2, CircleAlert, CloudUpload, RotateCcw, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Progress } from "@/components/ui/progress";
import type { Project } from "@/lib/api/types";
import { formatFileSize } from "@/lib/format";
import {
  ACCEPT,
  MAX_UPLOAD_BYTES,
  canCancel,
  canRetry,
  isFinished,
  uploadPercent,
  type UploadItem,
  type UploadProblem,
} from "@/lib/uploads";
import { useAppLocale } from "@/lib/use-app-locale";
import { cn } from "@/lib/utils";
import { useUploads } from "./use-uploads";

export function useProblemText() {
  const t = useTranslations("documents.upload.errors");
  const locale = useAppLocale();
  return (problem: UploadProblem): string => {
    switch (problem.kind) {
      case "too_big":
        return t("too_big", { size: formatFileSize(problem.size, locale), max: formatFileSize(problem.max, locale) });
      case "type":
        return problem.extension ? t("type", { extension: problem.extension }) : t("typeUnknown");
      case "empty":
        return t("empty");
      case "storage":
        return t("storage", { status: problem.status });
      case "network":
        return t("network");
      case "server":
        return problem.message;
    }
  };
}

export function UploadRow({
  item,
  onCancel,
  onRetry,
  onDismiss,
}: {
  item: UploadItem;
  onCancel: () => void;
  onRetry: () => void;
  onDismiss: () => void;
}) {
  const t = useTranslations("documents.upload");
  const locale = useAppLocale();
  const problemText = useProblemText();
  const percent = uploadPercent(item);
  const failed = item.status === "failed";
  // The bar stays full once sent: the last thing seen is the file having gone up.
  const showBar = !failed && item.status !== "cancelled";

  const status =
    item.status === "uploading"
      ? t("uploading", { percent })
      : item.status === "queued" || item.status === "preparing" || item.status === "finishing" || item.status === "done" || item.status === "cancelled"
        ? t(item.status)
        : null;

  return (
    <li
      className={cn("flex flex-col gap-2 rounded-md border bg-background p-3", failed && "border-red-200 bg-red-50")}
      data-testid="upload-row"
      data-status={item.status}
    >
      <div className="flex items-start gap-2">
        <div className="min-w-0 flex-1">
          <p className="text-sm font-medium break-all">{item.name}</p>
          <p className="text-xs text-muted-foreground">
            {formatFileSize(item.size, locale)}
            {status ? (
              <>
                {" · "}
                <span className={cn(item.status === "done" && "font-medium text-success")}>{status}</span>
              </>
            ) : null}
          </p>
        </div>
        {item.status === "done" ? <CheckCircle2 className="mt-0.5 size-5 shrink-0 text-success" aria-hidden="true" /> : null}
        {canRetry(item) ? (
          <Button variant="ghost" size="icon" onClick={onRetry} aria-label={t("retry", { name: item.name })} className="-my-2">
            <RotateCcw aria-hidden="true" />
          </Button>
        ) : null}
        {canCancel(item) ? (
          <Button variant="ghost" size="icon" onClick={onCancel} aria-label={t("cancel", { name: item.name })} className="-my-2 -mr-2">
            <X aria-hidden="true" />
          </Button>
        ) : isFinished(item) ? (
          <Button variant="ghost" size="icon" onClick={onDismiss} aria-label={t("dismiss", { name: item.name })} className="-my-2 -mr-2">
            <X aria-hidden="true" />
          </Button>
        ) : null}
      </div>
      {showBar ? <Progress value={percent} label={t("progress", { name: item.name })} /> : null}
      {failed && item.problem ? (
        <p className="flex items-start gap-1.5 text-sm font-medium text-destructive">
          <CircleAlert className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
          {problemText(item.problem)}
        </p>
      ) : null}
    </li>
  );
}

/**
 * Adding files: pick a project (unless the page has one), then drop files or pick them with the
 * phone's own file picker; several at once, each with its progress bar, cancel, and a clear error.
 */
export function UploadZone({
  projectId,
  projects,
}: {
  /** The project the files go to (the project page). */
  projectId?: string;
  /** Otherwise the projects to choose from (only those the user may add files to). */
  projects?: Pick<Project, "id" | "name">[];
}) {
  const t = useTranslations("documents.upload");
  const locale = useAppLocale();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState("");
  const [dragging, setDragging] = useState(false);
  const uploads = useUploads();
  const onlyProject = projects?.length === 1 ? projects[0].id : undefined;
  const target = projectId ?? (chosen || onlyProject || "");
  const done = uploads.items.filter((item) => item.status === "done").length;
  const finished = uploads.items.filter(isFinished).length;

  const addFiles = (files: FileList | null) => {
    if (!files || files.length === 0 || !target) return;
    uploads.add(Array.from(files), target);
  };

  return (
    <div className="flex flex-col gap-3">
      {projectId || onlyProject ? null : (
        <div className="flex flex-col gap-1.5 sm:max-w-sm">
          <Label htmlFor={`${id}-project`}>{t("project")}</Label>
          <NativeSelect id={`${id}-project`} value={chosen} onChange={(e) => setChosen(e.target.value)}>
            <option value="">{t("chooseProject")}</option>
            {projects?.map((project) => (
              <option key={project.id} value={project.id}>
                {project.name}
              </option>
            ))}
          </NativeSelect>
        </div>
      )}
      <div
        data-testid="drop-zone"
        onDragEnter={(e) => {
          if (!target || !e.dataTransfer.types.includes("Files")) return;
          e.preventDefault();
          setDragging(true);
        }}
        onDragOver={(e) => {
          if (!target || !e.dataTransfer.types.includes("Files")) return;
          e.preventDefault();
          e.dataTransfer.dropEffect = "copy";
        }}
        onDragLeave={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
        }}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          addFiles(e.dataTransfer.files);
        }}
        className={cn(
          "flex flex-col items-center gap-2 rounded-lg border-2 border-dashed bg-background px-4 py-5 text-center",
          dragging && "border-primary bg-primary/5",
        )}
      >
        <CloudUpload className={cn("size-7", target ? "text-primary" : "text-muted-foreground")} aria-hidden="true" />
        {target ? (
          <>
            <p className="hidden text-sm font-medium sm:block">{dragging ? t("dropActive") : t("drop")}</p>
            <Button type="button" onClick={() => input.current?.click()} className="w-full sm:w-auto">
              {t("pick")}
            </Button>
          </>
        ) : (
          <p className="text-sm text-muted-foreground">{t("pickProjectFirst")}</p>
        )}
        <p className="text-xs text-muted-foreground">{t("hint", { max: formatFileSize(MAX_UPLOAD_BYTES, locale) })}</p>
        <input
          ref={input}
          id={`${id}-files`}
          type="file"
          multiple
          accept={ACCEPT}
          className="hidden"
          data-testid="file-input"
          onChange={(e) => {
            addFiles(e.target.files);
            // The same file may be picked again after a cancel.
            e.target.value = "";
          }}
        />
      </div>
      {uploads.items.length > 0 ? (
        <section aria-label={t("listLabel")} className="flex flex-col gap-2">
          <ul className="flex flex-col gap-2" data-testid="upload-list">
            {uploads.items.map((item) => (
              <UploadRow
                key={item.id}
                item={item}
                onCancel={() => uploads.cancel(item.id)}
                onRetry={() => uploads.retry(item.id)}
                onDismiss={() => uploads.dismiss(item.id)}
              />
            ))}
          </ul>
          {uploads.busy ? <p className="text-sm font-medium">{t("leaveWarning")}</p> : null}
          <div className="flex flex-wrap items-center justify-between gap-2">
            {/* Read out when a file finishes, not at every percent. */}
            <p className="text-sm text-muted-foreground" aria-live="polite">
              {t("summary", { done, total: uploads.items.length })}
            </p>
            {finished > 0 && !uploads.busy ? (
              <Button variant="ghost" size="sm" onClick={uploads.clearFinished}>
                {t("clear")}
              </Button>
            ) : null}
          </div>
        </section>
      ) : null}
    </div>
  );
}
