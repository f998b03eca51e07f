import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { formatMoney, formatNumber, type AppLocale } from "@/lib/format";
import { percent } from "@/components/admin/charts/scales";
import { cn } from "@/lib/utils";
import type { Kpis } from "./api";
import { durationParts } from "./figures";
import { dashboardLinks } from "./links";

/** `href` is missing while the list the figure counts has no page yet. */
export type Figure = { id: string; label: string; value: string; hint?: string; href: string | undefined; attention?: boolean };

const CARD = "flex h-full flex-col gap-0.5 rounded-lg border bg-card p-3 shadow-xs";

export function FigureCard({ figure }: { figure: Figure }) {
  const body = (
    <>
      <span className="text-xs font-medium text-muted-foreground">{figure.label}</span>
      <span className="text-base font-semibold tabular-nums break-words sm:text-xl">{figure.value}</span>
      {figure.hint ? <span className="text-xs text-muted-foreground">{figure.hint}</span> : null}
    </>
  );
  const attention = figure.attention && "border-l-4 border-l-amber-600";
  return (
    <li className="min-w-0">
      {figure.href ? (
        <Link
          href={figure.href}
          // The lists these lead to are pages of their own; eleven prefetches per dashboard view are not worth it.
          prefetch={false}
          data-testid={`kpi-${figure.id}`}
          className={cn(CARD, "transition-colors hover:border-primary focus-visible:outline-2 focus-visible:outline-ring", attention)}
        >
          {body}
        </Link>
      ) : (
        <div data-testid={`kpi-${figure.id}`} className={cn(CARD, attention)}>
          {body}
        </div>
      )}
    </li>
  );
}

/** Every figure of `GET /api/admin/kpis/`, each a link to the list it counts once that list has a page. */
export async function KpiCards({ kpis, locale }: { kpis: Kpis; locale: AppLocale }) {
  const t = await getTranslations("admin.dashboard.kpis");
  const money = (value: number) => formatMoney(value, kpis.currency, locale);
  const count = (value: number) => formatNumber(value, locale);
  const range = { from: kpis.period.from, to: kpis.period.to };
  const links = dashboardLinks();
  const response = kpis.median_first_response_minutes ?? null;
  const dso = kpis.dso_days ?? null;
  const sla = kpis.sla_compliance ?? null;
  const duration = response === null ? null : durationParts(response);
  const satisfaction = kpis.ratings > 0 ? (kpis.satisfaction_average ?? null) : null;

  const money_: Figure[] = [
    { id: "invoiced", label: t("invoiced"), value: money(kpis.invoiced), hint: t("invoicedHint"), href: links.invoiced(range) },
    { id: "collected", label: t("collected"), value: money(kpis.collected), hint: t("collectedHint"), href: links.collected(range) },
    { id: "outstanding", label: t("outstanding"), value: money(kpis.outstanding), hint: t("outstandingHint"), href: links.outstanding() },
    {
      id: "overdue",
      label: t("overdue"),
      value: money(kpis.overdue.total),
      hint: t("overdueHint", { count: kpis.overdue.count }),
      href: links.overdue(),
      attention: kpis.overdue.count > 0,
    },
    {
      id: "dso",
      label: t("dso"),
      value: dso === null ? t("notAvailable") : t("dsoValue", { days: formatNumber(Math.round(dso * 10) / 10, locale) }),
      hint: dso === null ? t("dsoNone") : t("dsoHint"),
      href: links.dso(),
    },
  ];
  const work: Figure[] = [
    { id: "active-projects", label: t("activeProjects"), value: count(kpis.active_projects), href: links.activeProjects() },
    {
      id: "late-milestones",
      label: t("lateMilestones"),
      value: count(kpis.late_milestones),
      href: links.lateMilestones(),
      attention: kpis.late_milestones > 0,
    },
    {
      id: "overdue-tasks",
      label: t("overdueTasks"),
      value: count(kpis.overdue_tasks),
      href: links.overdueTasks(),
      attention: kpis.overdue_tasks > 0,
    },
    { id: "open-tickets", label: t("openTickets"), value: count(kpis.open_tickets), href: links.openTickets() },
    {
      id: "sla",
      label: t("sla"),
      value: sla === null ? t("notAvailable") : percent(sla, locale),
      hint: sla === null ? t("slaNone") : undefined,
      href: links.sla(),
      attention: sla !== null && sla < 0.9,
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
      href: links.firstResponse(),
    },
    {
      id: "satisfaction",
      label: t("satisfaction"),
      // One decimal, as the API rounds it: « 4,6 / 5 ».
      value: satisfaction === null ? t("notAvailable") : t("satisfactionValue", { average: formatNumber(Math.round(satisfaction * 10) / 10, locale) }),
      hint: satisfaction === null ? t("satisfactionNone") : t("satisfactionHint", { count: kpis.ratings }),
      // Ratings have no list of their own yet.
      href: undefined,
      attention: satisfaction !== null && satisfaction < 3.5,
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
      <ul className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-4 xl:grid-cols-7">
        {work.map((figure) => (
          <FigureCard key={figure.id} figure={figure} />
        ))}
      </ul>
    </section>
  );
}
