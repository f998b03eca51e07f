"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";
import { isApiError } from "./api/errors";

const CODES = ["csrf_failed", "not_found", "permission_denied", "service_unavailable", "not_authenticated"] as const;
type KnownCode = (typeof CODES)[number];

/**
 * A sentence for people from any error: the message kept for the API's `code` when we have one,
 * else the API's own `detail` (already in the user's language), else a network or generic message.
 */
export function useErrorMessage() {
  const t = useTranslations("errors");
  return useCallback(
    (error: unknown): string => {
      if (isApiError(error)) {
        if (error.code === "throttled") {
          return t("throttled", { minutes: Math.max(1, Math.ceil((error.retryAfter ?? 60) / 60)) });
        }
        if ((CODES as readonly string[]).includes(error.code)) return t(`codes.${error.code as KnownCode}`);
        return error.generalErrors[0] ?? t("generic");
      }
      if (error instanceof TypeError) return t("network");
      return t("generic");
    },
    [t],
  );
}
