import type { Metadata } from "next";
import { Suspense } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import { CardSkeleton } from "@/components/admin/dashboard/skeletons";
import { PaymentsTabs } from "@/components/admin/payments/payments-tabs";
import type { SearchParams } from "@/components/admin/dashboard/period";
import { parseCollectedPeriod } from "@/components/admin/reconciliation/collected-period";
import { CollectedPeriodPicker } from "@/components/admin/reconciliation/collected-period-picker";
import { CollectedReport } from "@/components/admin/reconciliation/collected-report";
import type { AppLocale } from "@/lib/format";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.reconciliation.collected");
  return { title: t("metaTitle") };
}

/**
 * `/admin/paiements/encaissements?period=last_month`: the money collected over a period, by
 * channel and by operator, drawn on the server (no chart code reaches the browser).
 */
export default async function CollectedPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { period, invalid } = parseCollectedPeriod(await searchParams);
  const [t, locale] = await Promise.all([getTranslations("admin.reconciliation.collected"), getLocale()]);
  const appLocale: AppLocale = locale === "en" ? "en" : "fr";
  return (
    <div className="flex flex-col gap-4">
      <div>
        <PaymentsTabs current="collected" />
        <div className="flex flex-col gap-3">
          <div className="min-w-0">
            <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
            <p className="mt-1 text-sm text-muted-foreground">{t("description")}</p>
          </div>
          <CollectedPeriodPicker period={period} />
        </div>
      </div>
      {invalid ? (
        <p role="alert" className="rounded-md border border-amber-200 bg-warning-bg px-3 py-2 text-sm text-warning">
          {t("invalid")}
        </p>
      ) : null}
      {/* A new period is a new page for Suspense: the report shows its skeleton again. */}
      <Suspense key={`${period.from}:${period.to}`} fallback={<CardSkeleton tall />}>
        <CollectedReport period={period} locale={appLocale} />
      </Suspense>
    </div>
  );
}
