/**
 * Sends a file as a request's raw body (a payment's proof, CinetPay's statement), with its
 * progress. XMLHttpRequest, because fetch reports no upload progress; the CSRF token and the
 * language go as the app's API client would send them.
 */
import { CSRF_COOKIE, CSRF_HEADER, readDocumentCookie } from "@/lib/api/client";
import { ApiError, type ApiErrorBody } from "@/lib/api/errors";
import { UploadAbortedError, UploadNetworkError } from "@/lib/upload-transport";

export type RawUploadOptions = {
  /** 0 to 1, as the body goes up. */
  onProgress?: (fraction: number) => void;
  /** Once the whole body is sent: the server is now working on it. */
  onSent?: () => void;
  signal?: AbortSignal;
};

async function csrfToken(): Promise<string | undefined> {
  const current = readDocumentCookie(CSRF_COOKIE);
  if (current) return current;
  try {
    const response = await fetch("/api/auth/csrf/", { credentials: "include" });
    if (response.ok) return ((await response.json()) as { csrftoken?: string }).csrftoken ?? readDocumentCookie(CSRF_COOKIE);
  } catch {
    // The request then fails with the API's own "CSRF" answer.
  }
  return readDocumentCookie(CSRF_COOKIE);
}

function parseBody(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

/** `method` `url` with `body` as it is; the JSON answer, or an `ApiError` as the API client throws them. */
export async function sendRawBody<T>(
  method: "POST" | "PUT",
  url: string,
  body: Blob,
  contentType: string,
  { onProgress, onSent, signal }: RawUploadOptions = {},
): Promise<T> {
  const token = await csrfToken();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new UploadAbortedError());
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    xhr.withCredentials = true;
    xhr.setRequestHeader("Content-Type", contentType);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.setRequestHeader("Accept-Language", document.documentElement.lang || "fr");
    if (token) xhr.setRequestHeader(CSRF_HEADER, token);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
    };
    xhr.upload.onload = () => onSent?.();
    xhr.onload = () => {
      const answer = parseBody(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) resolve(answer as T);
      else reject(new ApiError(xhr.status, answer && typeof answer === "object" ? (answer as ApiErrorBody) : null));
    };
    xhr.onerror = () => reject(new UploadNetworkError());
    xhr.ontimeout = () => reject(new UploadNetworkError());
    xhr.onabort = () => reject(new UploadAbortedError());
    signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}
