"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

/** Something broke while drawing a pay link's page: say so, and offer to try again. */
export default function PayLinkError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("common");
  return (
    <div role="alert" className="flex flex-col items-start gap-3 rounded-lg border border-red-200 bg-red-50 p-6 text-red-900">
      <h1 className="text-lg font-semibold">{t("errorTitle")}</h1>
      <p className="text-sm">{t("errorText")}</p>
      <Button variant="outline" onClick={reset}>
        {t("retry")}
      </Button>
    </div>
  );
}
