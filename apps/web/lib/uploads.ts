/**
 * Uploads: which files the API takes, and the state of each file in the upload list. Pure, so
 * the rules and the transitions are unit-tested; `components/documents/use-uploads.ts` runs them.
 */

/** The API refuses anything larger (`POST /api/uploads/presign/` answers 400). */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/** How many files go up at once: more would only share the same mobile connection. */
export const UPLOAD_CONCURRENCY = 2;

/** The types the API accepts, by extension (the list of `crates/domain/src/documents.rs`). */
export const ALLOWED_TYPES: Readonly<Record<string, string>> = {
  pdf: "application/pdf",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  webp: "image/webp",
  gif: "image/gif",
  doc: "application/msword",
  xls: "application/vnd.ms-excel",
  ppt: "application/vnd.ms-powerpoint",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  odt: "application/vnd.oasis.opendocument.text",
  ods: "application/vnd.oasis.opendocument.spreadsheet",
  odp: "application/vnd.oasis.opendocument.presentation",
  zip: "application/zip",
  txt: "text/plain",
  csv: "text/csv",
};

const ALLOWED_MIME = new Set(Object.values(ALLOWED_TYPES));
/** Names some systems give to allowed types (Windows calls a zip `x-zip-compressed`). */
const MIME_ALIASES: Readonly<Record<string, string>> = {
  "application/x-zip-compressed": "application/zip",
  "application/x-zip": "application/zip",
  "image/jpg": "image/jpeg",
  "image/pjpeg": "image/jpeg",
  "application/csv": "text/csv",
  "text/comma-separated-values": "text/csv",
};

/** For `<input type="file" accept>`: extensions and types, so that every phone's picker understands it. */
export const ACCEPT = [
  ...Object.keys(ALLOWED_TYPES).map((ext) => `.${ext}`),
  ...Array.from(ALLOWED_MIME),
].join(",");

type FileLike = { name: string; size: number; type: string };

/** `rapport.PDF` → `pdf`; no extension → "". */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot > 0 && dot < name.length - 1 ? name.slice(dot + 1).toLowerCase() : "";
}

/**
 * The type to declare: the one of a known extension (phones often give `.docx` no type, Windows
 * calls a `.csv` `vnd.ms-excel`, and the API renames a file whose extension does not match its
 * type), else the browser's when the API accepts it. Undefined: not accepted. The API sniffs the
 * stored bytes anyway.
 */
export function contentTypeFor(file: Pick<FileLike, "name" | "type">): string | undefined {
  const byExtension = ALLOWED_TYPES[extensionOf(file.name)];
  if (byExtension) return byExtension;
  const given = file.type.toLowerCase().split(";")[0].trim();
  const normalised = MIME_ALIASES[given] ?? given;
  return ALLOWED_MIME.has(normalised) ? normalised : undefined;
}

export type UploadProblem =
  | { kind: "too_big"; size: number; max: number }
  | { kind: "type"; extension: string }
  | { kind: "empty" }
  /** The API's own sentence (presign or completion refused). */
  | { kind: "server"; message: string }
  /** The storage refused the file (HTTP status), e.g. an expired form. */
  | { kind: "storage"; status: number }
  | { kind: "network" };

/** What is wrong with a file before sending it, if anything; the API checks again. */
export function checkFile(file: FileLike, max = MAX_UPLOAD_BYTES): UploadProblem | null {
  if (!contentTypeFor(file)) return { kind: "type", extension: extensionOf(file.name) };
  if (file.size === 0) return { kind: "empty" };
  if (file.size > max) return { kind: "too_big", size: file.size, max };
  return null;
}

/* ---------- The upload list: one entry per file, and how it moves ---------- */

export type UploadStatus =
  | "queued" // waiting for a free slot
  | "preparing" // asking the API for an upload form
  | "uploading" // bytes on their way (progress)
  | "finishing" // the API checks the stored file
  | "done"
  | "failed"
  | "cancelled";

export type UploadItem = {
  id: string;
  name: string;
  size: number;
  status: UploadStatus;
  loaded: number;
  total: number;
  problem?: UploadProblem;
  documentId?: string;
};

export type UploadAction =
  | { type: "add"; items: { id: string; name: string; size: number; problem?: UploadProblem | null }[] }
  | { type: "start"; id: string }
  | { type: "sending"; id: string; documentId: string }
  | { type: "progress"; id: string; loaded: number; total: number }
  | { type: "sent"; id: string }
  | { type: "done"; id: string }
  | { type: "fail"; id: string; problem: UploadProblem }
  | { type: "cancel"; id: string }
  | { type: "retry"; id: string }
  | { type: "dismiss"; id: string }
  | { type: "clearFinished" };

const ACTIVE: ReadonlySet<UploadStatus> = new Set(["preparing", "uploading", "finishing"]);
const FINISHED: ReadonlySet<UploadStatus> = new Set(["done", "failed", "cancelled"]);

export const isActive = (item: UploadItem) => ACTIVE.has(item.status);
export const isFinished = (item: UploadItem) => FINISHED.has(item.status);
/** Whether the person may still stop it (the last check on the API side cannot be undone). */
export const canCancel = (item: UploadItem) => item.status === "queued" || item.status === "preparing" || item.status === "uploading";
/** A refused file stays refused; a lost connection or an expired form may pass on a second try. */
export const canRetry = (item: UploadItem) =>
  item.status === "cancelled" ||
  (item.status === "failed" && (item.problem?.kind === "network" || item.problem?.kind === "storage"));

/** Which step may follow which: anything else (a late event after a cancel) is ignored. */
const NEXT: Record<Exclude<UploadAction["type"], "add" | "dismiss" | "clearFinished" | "fail" | "cancel">, UploadStatus[]> = {
  start: ["queued"],
  sending: ["preparing"],
  progress: ["uploading"],
  sent: ["uploading"],
  done: ["finishing"],
  retry: ["failed", "cancelled"],
};

function update(items: UploadItem[], id: string, change: (item: UploadItem) => UploadItem | null): UploadItem[] {
  let changed = false;
  const next = items.map((item) => {
    if (item.id !== id) return item;
    const updated = change(item);
    if (!updated) return item;
    changed = true;
    return updated;
  });
  return changed ? next : items;
}

export function uploadsReducer(items: UploadItem[], action: UploadAction): UploadItem[] {
  switch (action.type) {
    case "add":
      return [
        ...items,
        ...action.items.map<UploadItem>(({ id, name, size, problem }) => ({
          id,
          name,
          size,
          status: problem ? "failed" : "queued",
          loaded: 0,
          total: size,
          problem: problem ?? undefined,
        })),
      ];
    case "dismiss":
      return items.filter((item) => item.id !== action.id || isActive(item));
    case "clearFinished":
      return items.filter((item) => !isFinished(item));
    case "fail":
      return update(items, action.id, (item) =>
        isActive(item) || item.status === "queued" ? { ...item, status: "failed", problem: action.problem } : null,
      );
    case "cancel":
      return update(items, action.id, (item) => (canCancel(item) ? { ...item, status: "cancelled" } : null));
    default: {
      const allowed = NEXT[action.type];
      return update(items, action.id, (item) => {
        if (!allowed.includes(item.status)) return null;
        switch (action.type) {
          case "start":
            return { ...item, status: "preparing", problem: undefined };
          case "sending":
            return { ...item, status: "uploading", documentId: action.documentId, loaded: 0 };
          case "progress":
            return { ...item, loaded: Math.min(action.loaded, action.total), total: action.total || item.total };
          case "sent":
            return { ...item, status: "finishing", loaded: item.total };
          case "done":
            return { ...item, status: "done", loaded: item.total };
          case "retry":
            return { ...item, status: "queued", loaded: 0, problem: undefined, documentId: undefined };
        }
      });
    }
  }
}

/** The files to start now so that at most `concurrency` are in flight, in the order they were added. */
export function nextToStart(items: UploadItem[], concurrency = UPLOAD_CONCURRENCY): string[] {
  const free = concurrency - items.filter(isActive).length;
  if (free <= 0) return [];
  return items
    .filter((item) => item.status === "queued")
    .slice(0, free)
    .map((item) => item.id);
}

/** 0–100 for the progress bar: whole bytes sent show 100 while the API checks the file. */
export function uploadPercent(item: UploadItem): number {
  if (item.status === "finishing" || item.status === "done") return 100;
  if (item.status !== "uploading" || item.total <= 0) return 0;
  return Math.min(100, Math.floor((item.loaded / item.total) * 100));
}
