import type { Metadata } from "next";
import { Suspense } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import { AgeingChart } from "@/components/admin/charts/ageing-chart";
import { MonthlyChart } from "@/components/admin/charts/monthly-chart";
import { OperatorChart } from "@/components/admin/charts/operator-chart";
import { ActivityPanel } from "@/components/admin/dashboard/activity-panel";
import { AlertsPanel } from "@/components/admin/dashboard/alerts-panel";
import { fetchActivity, fetchAlerts, fetchFollowUps, fetchKpis } from "@/components/admin/dashboard/api";
import { FollowUpsPanel } from "@/components/admin/dashboard/follow-ups-panel";
import { KpiCards } from "@/components/admin/dashboard/kpi-cards";
import { ProblemNote } from "@/components/admin/dashboard/notes";
import { parsePeriod, type Period, type SearchParams } from "@/components/admin/dashboard/period";
import { PeriodPicker } from "@/components/admin/dashboard/period-picker";
import { PipelineCards } from "@/components/admin/dashboard/pipeline-cards";
import { CardSkeleton, KpiSkeleton, PipelineSkeleton } from "@/components/admin/dashboard/skeletons";
import { Skeleton } from "@/components/ui/skeleton";
import { formatDate, type AppLocale } from "@/lib/format";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.dashboard");
  return { title: t("title") };
}

async function appLocale(): Promise<AppLocale> {
  return (await getLocale()) === "en" ? "en" : "fr";
}

// Each section is its own server component under its own Suspense: the page arrives with the
// frame and the period picker, then each part as its data comes (one KPI request for all of them).

async function PeriodRange({ period }: { period: Period }) {
  const [kpis, locale, t] = await Promise.all([fetchKpis(period), appLocale(), getTranslations("admin.dashboard")]);
  if (kpis.state !== "ok") return null;
  const { from, to } = kpis.data.period;
  return (
    <p className="text-sm text-muted-foreground" data-testid="period-range">
      {t("periodRange", { from: formatDate(from, locale), to: formatDate(to, locale) })}
    </p>
  );
}

async function KpiSection({ period }: { period: Period }) {
  const [kpis, locale, t] = await Promise.all([fetchKpis(period), appLocale(), getTranslations("admin.dashboard")]);
  if (kpis.state !== "ok") return <ProblemNote kind={kpis.state} text={kpis.state === "missing" ? t("unavailable") : t("error")} />;
  return <KpiCards kpis={kpis.data} locale={locale} />;
}

async function PipelineSection({ period }: { period: Period }) {
  const [kpis, locale] = await Promise.all([fetchKpis(period), appLocale()]);
  // The KPI section above already says when the figures are missing.
  if (kpis.state !== "ok") return null;
  return <PipelineCards kpis={kpis.data} locale={locale} />;
}

async function FollowUpsSection() {
  const [followUps, locale] = await Promise.all([fetchFollowUps(5), appLocale()]);
  return <FollowUpsPanel followUps={followUps} locale={locale} now={new Date()} />;
}

async function MonthlySection({ period }: { period: Period }) {
  const [kpis, locale] = await Promise.all([fetchKpis(period), appLocale()]);
  if (kpis.state !== "ok") return null;
  return <MonthlyChart months={kpis.data.monthly} currency={kpis.data.currency} locale={locale} />;
}

async function AgeingSection({ period }: { period: Period }) {
  const [kpis, locale] = await Promise.all([fetchKpis(period), appLocale()]);
  if (kpis.state !== "ok") return null;
  return <AgeingChart buckets={kpis.data.overdue.buckets} currency={kpis.data.currency} locale={locale} />;
}

async function OperatorSection({ period }: { period: Period }) {
  const [kpis, locale] = await Promise.all([fetchKpis(period), appLocale()]);
  if (kpis.state !== "ok") return null;
  const { data } = kpis;
  return (
    <OperatorChart
      operators={data.payments_by_operator}
      channels={data.payments_by_channel}
      currency={data.currency}
      locale={locale}
      range={{ from: data.period.from, to: data.period.to }}
    />
  );
}

async function AlertsSection() {
  const [alerts, locale] = await Promise.all([fetchAlerts(), appLocale()]);
  return <AlertsPanel alerts={alerts} locale={locale} />;
}

async function ActivitySection() {
  const [activity, locale] = await Promise.all([fetchActivity(10), appLocale()]);
  return <ActivityPanel activity={activity} locale={locale} now={new Date()} />;
}

/** The back-office's first screen: the period's figures, what needs doing, and what happened. */
export default async function AdminDashboardPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { period, invalid } = parsePeriod(await searchParams);
  const t = await getTranslations("admin.dashboard");
  // A new period is a new page for Suspense: its sections show their skeletons again.
  const key = JSON.stringify(period);
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-col gap-3 xl:flex-row xl:items-start xl:justify-between">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
          <Suspense key={key} fallback={<Skeleton className="mt-1 h-5 w-56" />}>
            <PeriodRange period={period} />
          </Suspense>
        </div>
        <PeriodPicker period={period} />
      </div>
      {invalid ? (
        <p role="alert" className="rounded-md border border-amber-200 bg-warning-bg px-3 py-2 text-sm text-warning">
          {t("period.invalid")}
        </p>
      ) : null}
      <Suspense key={key} fallback={<KpiSkeleton />}>
        <KpiSection period={period} />
      </Suspense>
      {/* The sales pipeline's figures, and beside them (under them on a phone) my follow-ups due. */}
      <div className="flex flex-col gap-4 lg:grid lg:grid-cols-3 lg:items-start">
        <div className="min-w-0 lg:col-span-2">
          <Suspense key={key} fallback={<PipelineSkeleton />}>
            <PipelineSection period={period} />
          </Suspense>
        </div>
        <div className="min-w-0">
          <Suspense fallback={<CardSkeleton />}>
            <FollowUpsSection />
          </Suspense>
        </div>
      </div>
      {/* Phones read alerts first, then the charts, then the activity (the columns' wrappers are
          `display: contents` there, so `order` places each card); wide screens stack the charts
          on the left and alerts over activity on the right, each column at its own height. */}
      <div className="flex flex-col gap-4 lg:grid lg:grid-cols-3 lg:items-start">
        <div className="contents lg:col-span-2 lg:flex lg:min-w-0 lg:flex-col lg:gap-4">
          <div className="order-2 min-w-0">
            <Suspense key={key} fallback={<CardSkeleton tall />}>
              <MonthlySection period={period} />
            </Suspense>
          </div>
          <div className="order-3 contents lg:grid lg:grid-cols-2 lg:items-start lg:gap-4">
            <div className="order-3 min-w-0">
              <Suspense key={key} fallback={<CardSkeleton />}>
                <AgeingSection period={period} />
              </Suspense>
            </div>
            <div className="order-4 min-w-0">
              <Suspense key={key} fallback={<CardSkeleton />}>
                <OperatorSection period={period} />
              </Suspense>
            </div>
          </div>
        </div>
        <div className="contents lg:flex lg:min-w-0 lg:flex-col lg:gap-4">
          <div className="order-1 min-w-0">
            <Suspense fallback={<CardSkeleton tall />}>
              <AlertsSection />
            </Suspense>
          </div>
          <div className="order-5 min-w-0">
            <Suspense fallback={<CardSkeleton />}>
              <ActivitySection />
            </Suspense>
          </div>
        </div>
      </div>
    </div>
  );
}
