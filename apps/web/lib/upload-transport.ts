/**
 * Sends a file to the storage with the presigned form the API gave: a `multipart/form-data` POST
 * with every field first and the file last, named `file` (S3's rule). XMLHttpRequest, because
 * fetch reports no upload progress; `signal` aborts it.
 */

export type UploadForm = { url: string; fields: Record<string, string> };

export type SendOptions = {
  onProgress?: (loaded: number, total: number) => void;
  signal?: AbortSignal;
  /** Sent as `X-CSRFToken` when the storage is this app's own origin (the local backend). */
  csrfToken?: string;
  /** For tests. */
  createRequest?: () => XMLHttpRequest;
  /** For tests: the page's origin. */
  origin?: string;
};

export class UploadAbortedError extends Error {
  constructor() {
    super("upload aborted");
    this.name = "UploadAbortedError";
  }
}

/** The storage answered with an error status (S3: 403 expired policy, 400 too large…). */
export class StorageError extends Error {
  readonly status: number;
  constructor(status: number) {
    super(`storage answered ${status}`);
    this.name = "StorageError";
    this.status = status;
  }
}

/** The connection dropped before the storage answered. */
export class UploadNetworkError extends Error {
  constructor() {
    super("network error during upload");
    this.name = "UploadNetworkError";
  }
}

export function isSameOrigin(url: string, origin: string): boolean {
  try {
    return new URL(url, origin).origin === new URL(origin).origin;
  } catch {
    return false;
  }
}

export function buildUploadBody(form: UploadForm, file: Blob, filename: string): FormData {
  const body = new FormData();
  for (const [name, value] of Object.entries(form.fields)) body.append(name, value);
  body.append("file", file, filename);
  return body;
}

/** Resolves with the storage's status (2xx; S3 answers 204), rejects with one of the errors above. */
export function sendToStorage(form: UploadForm, file: Blob, filename: string, options: SendOptions = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new UploadAbortedError());
      return;
    }
    const xhr = options.createRequest ? options.createRequest() : new XMLHttpRequest();
    const origin = options.origin ?? (typeof window === "undefined" ? "http://localhost" : window.location.origin);
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener("abort", onAbort);
      fn();
    };
    const onAbort = () => {
      xhr.abort();
      settle(() => reject(new UploadAbortedError()));
    };

    xhr.open("POST", form.url);
    // A custom header on a cross-origin request would need a CORS preflight S3 may not allow.
    if (options.csrfToken && isSameOrigin(form.url, origin)) xhr.setRequestHeader("X-CSRFToken", options.csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress?.(event.loaded, event.total);
    };
    xhr.onload = () =>
      settle(() => (xhr.status >= 200 && xhr.status < 300 ? resolve(xhr.status) : reject(new StorageError(xhr.status))));
    xhr.onerror = () => settle(() => reject(new UploadNetworkError()));
    xhr.ontimeout = () => settle(() => reject(new UploadNetworkError()));
    xhr.onabort = () => settle(() => reject(new UploadAbortedError()));
    options.signal?.addEventListener("abort", onAbort);
    xhr.send(buildUploadBody(form, file, filename));
  });
}
