import { getTranslations } from "next-intl/server";
import { percent } from "@/components/admin/charts/scales";
import { formatMoney, formatNumber, type AppLocale } from "@/lib/format";
import type { Kpis } from "./api";
import { FigureCard, type Figure } from "./kpi-cards";
import { sectionReady } from "./links";

const PROSPECTS = "/admin/prospects";

/**
 * « Pipeline commercial »: the open pipeline's value (and weighted), the prospects won and lost in
 * the period, the conversion rate and the days a win takes; « — » where there is nothing to count.
 */
export async function PipelineCards({ kpis, locale }: { kpis: Kpis; locale: AppLocale }) {
  const t = await getTranslations("admin.dashboard.pipeline");
  const tk = await getTranslations("admin.dashboard.kpis");
  const money = (value: number) => formatMoney(value, kpis.currency, locale);
  // The board and its list are a section of their own: links once it is there.
  const href = sectionReady(PROSPECTS) ? PROSPECTS : undefined;
  const conversion = kpis.conversion_rate ?? null;
  const days = kpis.average_days_to_close ?? null;
  const figures: Figure[] = [
    { id: "pipeline-value", label: t("value"), value: money(kpis.pipeline_value), hint: t("valueHint"), href },
    { id: "pipeline-weighted", label: t("weighted"), value: money(kpis.pipeline_weighted_value), hint: t("weightedHint"), href },
    { id: "pipeline-won", label: t("won"), value: formatNumber(kpis.prospects_won, locale), hint: t("periodHint"), href: undefined },
    { id: "pipeline-lost", label: t("lost"), value: formatNumber(kpis.prospects_lost, locale), hint: t("periodHint"), href: undefined },
    {
      id: "pipeline-conversion",
      label: t("conversion"),
      value: conversion === null ? tk("notAvailable") : percent(conversion, locale),
      hint: conversion === null ? t("conversionNone") : t("conversionHint"),
      href: undefined,
    },
    {
      id: "pipeline-days",
      label: t("daysToClose"),
      value: days === null ? tk("notAvailable") : t("days", { days: Math.round(days) }),
      hint: days === null ? t("daysNone") : t("daysHint"),
      href: undefined,
    },
  ];
  return (
    <section aria-labelledby="pipeline-heading" className="flex min-w-0 flex-col gap-2" data-testid="pipeline-kpis">
      <h2 id="pipeline-heading" className="text-sm font-semibold text-muted-foreground">
        {t("title")}
      </h2>
      <ul className="grid grid-cols-2 gap-2 sm:grid-cols-3">
        {figures.map((figure) => (
          <FigureCard key={figure.id} figure={figure} />
        ))}
      </ul>
    </section>
  );
}
