/**
 * Sends a proof of payment to `PUT /api/payments/{id}/proof/?filename=…` as the raw body.
 * XMLHttpRequest, because fetch reports no upload progress; the CSRF token and the language go
 * as the app's API client would send them.
 */
import { CSRF_COOKIE, CSRF_HEADER, readDocumentCookie } from "@/lib/api/client";
import { ApiError, type ApiErrorBody } from "@/lib/api/errors";
import { UploadAbortedError, UploadNetworkError } from "@/lib/upload-transport";
import type { PaymentDto } from "@/lib/api/types";

export function proofUrl(paymentId: string, filename: string): string {
  return `/api/payments/${paymentId}/proof/?filename=${encodeURIComponent(filename)}`;
}

async function csrfToken(): Promise<string | undefined> {
  const current = readDocumentCookie(CSRF_COOKIE);
  if (current) return current;
  try {
    const response = await fetch("/api/auth/csrf/", { credentials: "include" });
    if (response.ok) return ((await response.json()) as { csrftoken?: string }).csrftoken ?? readDocumentCookie(CSRF_COOKIE);
  } catch {
    // The PUT then fails with the API's own "CSRF" answer.
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

export async function uploadProof(
  paymentId: string,
  file: Blob,
  filename: string,
  contentType: string,
  { onProgress, signal }: { onProgress?: (fraction: number) => void; signal?: AbortSignal } = {},
): Promise<PaymentDto> {
  const token = await csrfToken();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new UploadAbortedError());
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", proofUrl(paymentId, filename));
    xhr.withCredentials = true;
    xhr.setRequestHeader("Content-Type", contentType);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.setRequestHeader("Accept-Language", document.documentElement.lang || "fr");
    if (token) xhr.setRequestHeader(CSRF_HEADER, token);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      const body = parseBody(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as PaymentDto);
      else reject(new ApiError(xhr.status, body && typeof body === "object" ? (body as ApiErrorBody) : null));
    };
    xhr.onerror = () => reject(new UploadNetworkError());
    xhr.ontimeout = () => reject(new UploadNetworkError());
    xhr.onabort = () => reject(new UploadAbortedError());
    signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}
