import { describe, expect, it } from "vitest";
import {
  StorageError,
  UploadAbortedError,
  UploadNetworkError,
  buildUploadBody,
  isSameOrigin,
  sendToStorage,
  type UploadForm,
} from "./upload-transport";

/** Just enough of XMLHttpRequest to drive `sendToStorage` by hand. */
class FakeXhr {
  method = "";
  url = "";
  headers: Record<string, string> = {};
  body: FormData | null = null;
  status = 0;
  aborted = false;
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = {
    onprogress: null,
  };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  ontimeout: (() => void) | null = null;
  onabort: (() => void) | null = null;
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: FormData) {
    this.body = body;
  }
  abort() {
    this.aborted = true;
    this.onabort?.();
  }
  answer(status: number) {
    this.status = status;
    this.onload?.();
  }
}

const form: UploadForm = { url: "/api/storage/upload/", fields: { key: "documents/abc", policy: "p", "Content-Type": "application/pdf" } };
const file = new Blob(["%PDF-1.7"], { type: "application/pdf" });
const origin = "http://127.0.0.1:3000";

function start(options: Parameters<typeof sendToStorage>[3] = {}, target: UploadForm = form) {
  const xhr = new FakeXhr();
  const promise = sendToStorage(target, file, "brief.pdf", {
    ...options,
    origin,
    createRequest: () => xhr as unknown as XMLHttpRequest,
  });
  return { xhr, promise };
}

describe("buildUploadBody", () => {
  it("puts every field first and the file last, named file", () => {
    const body = buildUploadBody(form, file, "brief.pdf");
    const names = Array.from(body.keys());
    expect(names).toEqual(["key", "policy", "Content-Type", "file"]);
    expect((body.get("file") as File).name).toBe("brief.pdf");
  });
});

describe("sendToStorage", () => {
  it("posts the form and reports progress until the storage answers", async () => {
    const progress: number[] = [];
    const { xhr, promise } = start({ onProgress: (loaded, total) => progress.push(loaded / total) });
    expect(xhr.method).toBe("POST");
    expect(xhr.url).toBe("/api/storage/upload/");
    xhr.upload.onprogress?.({ lengthComputable: true, loaded: 50, total: 100 });
    xhr.upload.onprogress?.({ lengthComputable: false, loaded: 0, total: 0 });
    xhr.upload.onprogress?.({ lengthComputable: true, loaded: 100, total: 100 });
    xhr.answer(204);
    await expect(promise).resolves.toBe(204);
    expect(progress).toEqual([0.5, 1]);
  });

  it("sends the CSRF token to this origin only", () => {
    expect(start({ csrfToken: "tok" }).xhr.headers).toEqual({ "X-CSRFToken": "tok" });
    const s3 = { url: "https://nourx-docs.s3.eu-west-3.amazonaws.com/", fields: {} };
    expect(start({ csrfToken: "tok" }, s3).xhr.headers).toEqual({});
  });

  it("rejects with the storage's status", async () => {
    const { xhr, promise } = start();
    xhr.answer(403);
    await expect(promise).rejects.toEqual(new StorageError(403));
  });

  it("rejects a dropped connection as a network error", async () => {
    const { xhr, promise } = start();
    xhr.onerror?.();
    await expect(promise).rejects.toBeInstanceOf(UploadNetworkError);
  });

  it("aborts the request when the signal fires", async () => {
    const controller = new AbortController();
    const { xhr, promise } = start({ signal: controller.signal });
    controller.abort();
    await expect(promise).rejects.toBeInstanceOf(UploadAbortedError);
    expect(xhr.aborted).toBe(true);
  });

  it("does not start when already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const { xhr, promise } = start({ signal: controller.signal });
    await expect(promise).rejects.toBeInstanceOf(UploadAbortedError);
    expect(xhr.url).toBe("");
  });
});

describe("isSameOrigin", () => {
  it("treats relative addresses as this origin", () => {
    expect(isSameOrigin("/api/storage/upload/", origin)).toBe(true);
    expect(isSameOrigin("http://127.0.0.1:3000/api/x", origin)).toBe(true);
    expect(isSameOrigin("https://bucket.s3.amazonaws.com/", origin)).toBe(false);
  });
});
