"use client";

import { useTranslations } from "next-intl";
import { Progress } from "@/components/ui/progress";
import { formatFileSize } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { cn } from "@/lib/utils";
import { useStorageUsage } from "@/queries/storage";

/** How full the client's storage is: a bar, "1,2 Go utilisés sur 2 Go", and a word when nearly full. */
export function StorageUsage({ clientId }: { clientId: string | undefined }) {
  const t = useTranslations("documents.storage");
  const locale = useAppLocale();
  const usage = useStorageUsage(clientId);
  if (!usage.data) return null;
  const { used_bytes: usedBytes, quota_bytes: quotaBytes } = usage.data;
  const used = formatFileSize(usedBytes, locale);
  if (quotaBytes == null) {
    return <p className="text-sm text-muted-foreground">{t("usedNoQuota", { used })}</p>;
  }
  const percent = quotaBytes > 0 ? (usedBytes / quotaBytes) * 100 : 100;
  const level = percent >= 100 ? "full" : percent >= 90 ? "almost" : null;
  return (
    <section aria-labelledby="storage-title" className="flex flex-col gap-2 rounded-lg border bg-card p-3 sm:p-4">
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1 text-sm">
        <h2 id="storage-title" className="font-medium">
          {t("title")}
        </h2>
        <span className="text-muted-foreground">{t("used", { used, quota: formatFileSize(quotaBytes, locale) })}</span>
      </div>
      <Progress value={percent} label={t("label", { percent: Math.min(100, Math.round(percent)) })} />
      {level ? (
        <p role="status" className={cn("text-sm", level === "full" ? "text-destructive" : "text-amber-800")}>
          {t(level)}
        </p>
      ) : null}
    </section>
  );
}
