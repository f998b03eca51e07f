import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { formatMoney, formatNumber, type AppLocale } from "@/lib/format";
import { percent } from "@/components/admin/charts/scales";
import { cn } from "@/lib/utils";
import type { Kpis } from "./api";
import { durationParts } from "./figures";
import { dashboardLinks } from "./links";

type Figure = { id: string; label: string; value: string; hint?: string; href: string; attention?: boolean };

function FigureCard({ figure }: { figure: Figure }) {
  return (
    <li className="min-w-0">
      <Link
        href={figure.href}
        // The lists these lead to are pages of their own; eleven prefetches per dashboard view are not worth it.
        prefetch={false}
        data-testid={`kpi-${figure.id}`}
        className={cn(
          "flex h-full flex-col gap-0.5 rounded-lg border bg-card p-3 shadow-xs transition-colors hover:border-primary focus-visible:outline-2 focus-visible:outline-ring",
          figure.attention && "border-l-4 border-l-amber-600",
        )}
      >
        <span className="text-xs font-medium text-muted-foreground">{figure.label}</span>
        <span className="text-base font-semibold tabular-nums break-words sm:text-xl">{figure.value}</span>
        {figure.hint ? <span className="text-xs text-muted-foreground">{figure.hint}</span> : null}
      </Link>
    </li>
  );
}

/** Every figure of `GET /api/admin/kpis/`, each a link to the list it counts. */
export async function KpiCards({ kpis, locale }: { kpis: Kpis; locale: AppLocale }) {
  const t = await getTranslations("admin.dashboard.kpis");
  const money = (value: number) => formatMoney(value, kpis.currency, locale);
  const count = (value: number) => formatNumber(value, locale);
  const range = { from: kpis.period.from, to: kpis.period.to };
  const response = kpis.median_first_response_minutes;
  const duration = response === null ? null : durationParts(response);

  const money_: Figure[] = [
    { id: "invoiced", label: t("invoiced"), value: money(kpis.invoiced), hint: t("invoicedHint"), href: dashboardLinks.invoiced(range) },
    { id: "collected", label: t("collected"), value: money(kpis.collected), hint: t("collectedHint"), href: dashboardLinks.collected(range) },
    { id: "outstanding", label: t("outstanding"), value: money(kpis.outstanding), hint: t("outstandingHint"), href: dashboardLinks.outstanding() },
    {
      id: "overdue",
      label: t("overdue"),
      value: money(kpis.overdue.total),
      hint: t("overdueHint", { count: kpis.overdue.count }),
      href: dashboardLinks.overdue(),
      attention: kpis.overdue.count > 0,
    },
    {
      id: "dso",
      label: t("dso"),
      value: kpis.dso_days === null ? t("notAvailable") : t("dsoValue", { days: formatNumber(Math.round(kpis.dso_days * 10) / 10, locale) }),
      hint: kpis.dso_days === null ? t("dsoNone") : t("dsoHint"),
      href: dashboardLinks.dso(),
    },
  ];
  const work: Figure[] = [
    { id: "active-projects", label: t("activeProjects"), value: count(kpis.active_projects), href: dashboardLinks.activeProjects() },
    {
      id: "late-milestones",
      label: t("lateMilestones"),
      value: count(kpis.late_milestones),
      href: dashboardLinks.lateMilestones(),
      attention: kpis.late_milestones > 0,
    },
    {
      id: "overdue-tasks",
      label: t("overdueTasks"),
      value: count(kpis.overdue_tasks),
      href: dashboardLinks.overdueTasks(),
      attention: kpis.overdue_tasks > 0,
    },
    { id: "open-tickets", label: t("openTickets"), value: count(kpis.open_tickets), href: dashboardLinks.openTickets() },
    {
      id: "sla",
      label: t("sla"),
      value: kpis.sla_compliance === null ? t("notAvailable") : percent(kpis.sla_compliance, locale),
      hint: kpis.sla_compliance === null ? t("slaNone") : undefined,
      href: dashboardLinks.sla(),
      attention: kpis.sla_compliance !== null && kpis.sla_compliance < 0.9,
    },
    {
      id: "first-response",
      label: t("firstResponse"),
      value:
        duration === null
          ? t("notAvailable")
          : duration.hours === 0
            ? t("minutes", { minutes: duration.minutes })
            : t("hours", { hours: duration.hours, minutes: String(duration.minutes).padStart(2, "0") }),
      hint: duration === null ? t("firstResponseNone") : t("firstResponseHint"),
      href: dashboardLinks.firstResponse(),
    },
  ];

  return (
    <section aria-labelledby="kpis-heading" className="flex flex-col gap-2" data-testid="kpis">
      <h2 id="kpis-heading" className="sr-only">
        {t("title")}
      </h2>
      <ul className="grid grid-cols-2 gap-2 sm:grid-cols-3 xl:grid-cols-5">
        {money_.map((figure) => (
          <FigureCard key={figure.id} figure={figure} />
        ))}
      </ul>
      <ul className="grid grid-cols-2 gap-2 sm:grid-cols-3 xl:grid-cols-6">
        {work.map((figure) => (
          <FigureCard key={figure.id} figure={figure} />
        ))}
      </ul>
    </section>
  );
}
