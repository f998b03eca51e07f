/**
 * Sends a proof of payment to `PUT /api/payments/{id}/proof/?filename=…` as the raw body, with
 * its progress (see ../raw-upload.ts).
 */
import type { PaymentDto } from "@/lib/api/types";
import { sendRawBody, type RawUploadOptions } from "../raw-upload";

export function proofUrl(paymentId: string, filename: string): string {
  return `/api/payments/${paymentId}/proof/?filename=${encodeURIComponent(filename)}`;
}

export function uploadProof(
  paymentId: string,
  file: Blob,
  filename: string,
  contentType: string,
  options: Pick<RawUploadOptions, "onProgress" | "signal"> = {},
): Promise<PaymentDto> {
  return sendRawBody<PaymentDto>("PUT", proofUrl(paymentId, filename), file, contentType, options);
}
