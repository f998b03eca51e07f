"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";
import { isApiError } from "@/lib/api/errors";
import { conflictCode } from "./editor/document-form";

/** The billing desk's 409s in words (`not_editable`, `fully_credited`…); null for any other error. */
export function useConflictMessage() {
  const t = useTranslations("admin.billing.conflicts");
  return useCallback(
    (error: unknown): string | null => {
      if (!isApiError(error) || error.status !== 409) return null;
      const code = conflictCode(error.code);
      return code ? t(code) : null;
    },
    [t],
  );
}
