import { line } from "d3-shape";
import { getTranslations } from "next-intl/server";
import { EmptyNote } from "@/components/admin/dashboard/notes";
import { formatMoney, type AppLocale } from "@/lib/format";
import type { MonthTotal } from "@/components/admin/dashboard/api";
import { ChartCard, ChartTable } from "./chart-card";
import { amountScale, bands, compactAmount, monthLabel } from "./scales";

const WIDTH = 640;
const HEIGHT = 240;
const MARGIN = { top: 12, right: 8, bottom: 26, left: 48 };
/** Collected: a line in a colour of its own (amber-700, 5:1 on white) over the invoiced bars. */
const COLLECTED = "#b45309";

/** Invoiced (bars) and collected (a line with dots) per month over twelve months. */
export async function MonthlyChart({ months, currency, locale }: { months: MonthTotal[]; currency: string; locale: AppLocale }) {
  const t = await getTranslations("admin.dashboard.charts");
  const id = "chart-monthly";
  const money = (value: number) => formatMoney(value, currency, locale);
  const total = (key: "invoiced" | "collected") => months.reduce((sum, m) => sum + m[key], 0);
  const empty = months.length === 0 || months.every((m) => m.invoiced === 0 && m.collected === 0);

  const x = bands(
    months.map((m) => m.month),
    [MARGIN.left, WIDTH - MARGIN.right],
    0.3,
  );
  const { scale: y, ticks } = amountScale(Math.max(0, ...months.flatMap((m) => [m.invoiced, m.collected])), [HEIGHT - MARGIN.bottom, MARGIN.top]);
  const centre = (month: string) => (x(month) ?? 0) + x.bandwidth() / 2;
  const collectedPath = line<MonthTotal>()
    .x((m) => centre(m.month))
    .y((m) => y(m.collected))(months);

  const legend = (
    <ul className="flex items-center gap-4 text-xs text-muted-foreground">
      <li className="flex items-center gap-1.5">
        <span aria-hidden="true" className="inline-block size-3 rounded-sm bg-primary" />
        {t("monthly.invoiced")}
      </li>
      <li className="flex items-center gap-1.5">
        <svg aria-hidden="true" width="20" height="10" viewBox="0 0 20 10">
          <line x1="0" y1="5" x2="20" y2="5" stroke={COLLECTED} strokeWidth="2.5" />
          <circle cx="10" cy="5" r="3.5" fill="white" stroke={COLLECTED} strokeWidth="2" />
        </svg>
        {t("monthly.collected")}
      </li>
    </ul>
  );

  const first = months[0]?.month;
  const last = months.at(-1)?.month;
  const summary =
    first && last
      ? t("monthly.summary", {
          first: monthLabel(first, locale, true),
          last: monthLabel(last, locale, true),
          invoiced: money(total("invoiced")),
          collected: money(total("collected")),
        })
      : "";

  return (
    <ChartCard
      id={id}
      title={t("monthly.title")}
      legend={empty ? undefined : legend}
      showData={t("showData")}
      table={
        empty ? undefined : (
          <ChartTable
            caption={t("monthly.title")}
            head={[t("monthly.month"), t("monthly.invoiced"), t("monthly.collected")]}
            rows={months.map((m) => [monthLabel(m.month, locale, true), money(m.invoiced), money(m.collected)])}
          />
        )
      }
    >
      {empty ? (
        <EmptyNote text={t("monthly.empty")} />
      ) : (
        // Below `sm` the chart keeps a legible size and scrolls inside its card, opening on the
        // latest months (a right-to-left scroller starts at its right end; the chart stays LTR).
        <div className="overflow-x-auto [direction:rtl]" tabIndex={0} role="group" aria-label={t("scroll")}>
          <svg
            role="img"
            aria-labelledby={`${id}-title ${id}-desc`}
            viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
            className="h-auto w-full min-w-[34rem] [direction:ltr] sm:min-w-0 lg:max-w-3xl"
          >
            <title id={`${id}-title`}>{t("monthly.title")}</title>
            <desc id={`${id}-desc`}>{summary}</desc>
            <g fontSize={11}>
              {ticks.map((tick) => (
                <g key={tick}>
                  <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} className="stroke-border" strokeDasharray={tick === 0 ? undefined : "3 3"} />
                  <text x={MARGIN.left - 6} y={y(tick)} dy="0.32em" textAnchor="end" className="fill-muted-foreground">
                    {compactAmount(tick, locale)}
                  </text>
                </g>
              ))}
              {months.map((m) => (
                <g key={m.month}>
                  <rect
                    x={x(m.month)}
                    y={y(m.invoiced)}
                    width={x.bandwidth()}
                    height={Math.max(0, y(0) - y(m.invoiced))}
                    rx={2}
                    className="fill-primary"
                  />
                  <text x={centre(m.month)} y={HEIGHT - 8} textAnchor="middle" className="fill-muted-foreground">
                    {monthLabel(m.month, locale)}
                  </text>
                </g>
              ))}
              {collectedPath ? <path d={collectedPath} fill="none" stroke={COLLECTED} strokeWidth={2.5} strokeLinejoin="round" /> : null}
              {months.map((m) => (
                <circle key={m.month} cx={centre(m.month)} cy={y(m.collected)} r={3.5} fill="white" stroke={COLLECTED} strokeWidth={2} />
              ))}
            </g>
          </svg>
        </div>
      )}
    </ChartCard>
  );
}
