import { describe, expect, it } from "vitest";
import {
  ACCEPT,
  MAX_UPLOAD_BYTES,
  canCancel,
  canRetry,
  checkFile,
  contentTypeFor,
  extensionOf,
  nextToStart,
  uploadPercent,
  uploadsReducer,
  type UploadAction,
  type UploadItem,
} from "./uploads";

const MB = 1024 * 1024;

describe("extensionOf", () => {
  it("reads the last extension in lower case", () => {
    expect(extensionOf("Rapport Final.PDF")).toBe("pdf");
    expect(extensionOf("archive.tar.gz")).toBe("gz");
  });

  it("gives nothing for names without one", () => {
    expect(extensionOf("photo")).toBe("");
    expect(extensionOf(".bashrc")).toBe("");
    expect(extensionOf("point.")).toBe("");
  });
});

describe("contentTypeFor", () => {
  it("prefers the type of a known extension", () => {
    expect(contentTypeFor({ name: "maquette.png", type: "image/png" })).toBe("image/png");
    // Windows calls CSV files Excel ones; phones often give Office files no type at all.
    expect(contentTypeFor({ name: "contacts.csv", type: "application/vnd.ms-excel" })).toBe("text/csv");
    expect(contentTypeFor({ name: "contrat.docx", type: "" })).toBe(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    expect(contentTypeFor({ name: "photo.JPG", type: "" })).toBe("image/jpeg");
  });

  it("takes the browser's type, normalised, when the name has no known extension", () => {
    expect(contentTypeFor({ name: "IMG_2031", type: "image/jpeg" })).toBe("image/jpeg");
    expect(contentTypeFor({ name: "export", type: "application/x-zip-compressed" })).toBe("application/zip");
    expect(contentTypeFor({ name: "notes", type: "text/plain; charset=utf-8" })).toBe("text/plain");
  });

  it("refuses what the API refuses", () => {
    expect(contentTypeFor({ name: "setup.exe", type: "application/x-msdownload" })).toBeUndefined();
    expect(contentTypeFor({ name: "video.mp4", type: "video/mp4" })).toBeUndefined();
    expect(contentTypeFor({ name: "script", type: "" })).toBeUndefined();
  });

  it("lists extensions and types for the file picker", () => {
    expect(ACCEPT.split(",")).toEqual(expect.arrayContaining([".pdf", ".docx", "application/pdf", "image/webp"]));
  });
});

describe("checkFile", () => {
  it("accepts an allowed file within the limit", () => {
    expect(checkFile({ name: "brief.pdf", size: 2 * MB, type: "application/pdf" })).toBeNull();
    expect(checkFile({ name: "brief.pdf", size: MAX_UPLOAD_BYTES, type: "application/pdf" })).toBeNull();
  });

  it("says a file is too big, with its size and the limit", () => {
    expect(checkFile({ name: "video.zip", size: 62 * MB, type: "application/zip" })).toEqual({
      kind: "too_big",
      size: 62 * MB,
      max: MAX_UPLOAD_BYTES,
    });
  });

  it("names the refused extension", () => {
    expect(checkFile({ name: "setup.EXE", size: 10, type: "application/x-msdownload" })).toEqual({
      kind: "type",
      extension: "exe",
    });
  });

  it("refuses empty files", () => {
    expect(checkFile({ name: "vide.txt", size: 0, type: "text/plain" })).toEqual({ kind: "empty" });
  });
});

function run(actions: UploadAction[], start: UploadItem[] = []): UploadItem[] {
  return actions.reduce(uploadsReducer, start);
}

const add = (...ids: string[]): UploadAction => ({
  type: "add",
  items: ids.map((id) => ({ id, name: `${id}.pdf`, size: 1000 })),
});

describe("uploadsReducer", () => {
  it("goes queued → preparing → uploading → finishing → done", () => {
    const steps: UploadAction[] = [
      add("a"),
      { type: "start", id: "a" },
      { type: "sending", id: "a", documentId: "d1" },
      { type: "progress", id: "a", loaded: 400, total: 1000 },
    ];
    let items = run(steps);
    expect(items[0]).toMatchObject({ status: "uploading", documentId: "d1", loaded: 400 });
    expect(uploadPercent(items[0])).toBe(40);
    items = run([{ type: "sent", id: "a" }], items);
    expect(items[0].status).toBe("finishing");
    expect(uploadPercent(items[0])).toBe(100);
    items = run([{ type: "done", id: "a" }], items);
    expect(items[0].status).toBe("done");
    expect(uploadPercent(items[0])).toBe(100);
  });

  it("adds a refused file as failed, with its problem, and never starts it", () => {
    const items = run([
      { type: "add", items: [{ id: "x", name: "setup.exe", size: 10, problem: { kind: "type", extension: "exe" } }] },
    ]);
    expect(items[0]).toMatchObject({ status: "failed", problem: { kind: "type", extension: "exe" } });
    expect(nextToStart(items)).toEqual([]);
    expect(canRetry(items[0])).toBe(false);
  });

  it("ignores progress and completion that arrive after a cancel", () => {
    const items = run([
      add("a"),
      { type: "start", id: "a" },
      { type: "sending", id: "a", documentId: "d1" },
      { type: "cancel", id: "a" },
      { type: "progress", id: "a", loaded: 900, total: 1000 },
      { type: "sent", id: "a" },
      { type: "fail", id: "a", problem: { kind: "network" } },
    ]);
    expect(items[0].status).toBe("cancelled");
    expect(canRetry(items[0])).toBe(true);
  });

  it("cannot cancel once the bytes are stored", () => {
    const items = run([add("a"), { type: "start", id: "a" }, { type: "sending", id: "a", documentId: "d" }, { type: "sent", id: "a" }]);
    expect(canCancel(items[0])).toBe(false);
    expect(run([{ type: "cancel", id: "a" }], items)[0].status).toBe("finishing");
  });

  it("retries a network failure from the start", () => {
    const items = run([
      add("a"),
      { type: "start", id: "a" },
      { type: "sending", id: "a", documentId: "d1" },
      { type: "fail", id: "a", problem: { kind: "network" } },
      { type: "retry", id: "a" },
    ]);
    expect(items[0]).toMatchObject({ status: "queued", loaded: 0, problem: undefined, documentId: undefined });
  });

  it("does not retry what the API refused", () => {
    const failed = run([add("a"), { type: "start", id: "a" }, { type: "fail", id: "a", problem: { kind: "server", message: "Trop gros" } }]);
    expect(canRetry(failed[0])).toBe(false);
  });

  it("returns the same list for an action that changes nothing", () => {
    const items = run([add("a")]);
    expect(uploadsReducer(items, { type: "done", id: "a" })).toBe(items);
    expect(uploadsReducer(items, { type: "progress", id: "nope", loaded: 1, total: 2 })).toBe(items);
  });

  it("keeps running uploads when the list is cleared or a row dismissed", () => {
    const items = run([
      add("a", "b", "c"),
      { type: "start", id: "a" },
      { type: "start", id: "b" },
      { type: "fail", id: "b", problem: { kind: "network" } },
      { type: "dismiss", id: "a" },
    ]);
    expect(items.map((i) => i.id)).toEqual(["a", "b", "c"]);
    expect(run([{ type: "clearFinished" }], items).map((i) => i.id)).toEqual(["a", "c"]);
    expect(run([{ type: "dismiss", id: "b" }], items).map((i) => i.id)).toEqual(["a", "c"]);
  });
});

describe("nextToStart", () => {
  it("starts queued files in order, at most two at a time", () => {
    let items = run([add("a", "b", "c")]);
    expect(nextToStart(items)).toEqual(["a", "b"]);
    items = run([{ type: "start", id: "a" }], items);
    expect(nextToStart(items)).toEqual(["b"]);
    items = run([{ type: "start", id: "b" }], items);
    expect(nextToStart(items)).toEqual([]);
    items = run([{ type: "cancel", id: "a" }], items);
    expect(nextToStart(items)).toEqual(["c"]);
  });
});
