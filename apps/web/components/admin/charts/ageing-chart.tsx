import { getTranslations } from "next-intl/server";
import { AGEING_BUCKETS, type AgeingBucket, type AgeingBucketKey } from "@/components/admin/dashboard/api";
import { dashboardLinks } from "@/components/admin/dashboard/links";
import { EmptyNote } from "@/components/admin/dashboard/notes";
import { formatMoney, formatNumber, type AppLocale } from "@/lib/format";
import { ChartCard, ChartTable, MaybeLink } from "./chart-card";
import { amountScale, bands, compactAmount } from "./scales";

// About the card's width at 1280 px (a third of the grid) and on a 360 px phone: text stays at 12 px.
const WIDTH = 300;
const HEIGHT = 200;
const MARGIN = { top: 20, right: 4, bottom: 24, left: 4 };
/** Older is darker (each at least 3:1 on white); the labels say which bucket is which. */
const COLOURS: Record<AgeingBucketKey, string> = {
  "0_30": "#b45309",
  "31_60": "#c2410c",
  "61_90": "#b91c1c",
  "90_plus": "#7f1d1d",
};

/** Overdue amounts by age: one bar per bucket, its amount above it. */
export async function AgeingChart({ buckets, currency, locale }: { buckets: AgeingBucket[]; currency: string; locale: AppLocale }) {
  const t = await getTranslations("admin.dashboard.charts.ageing");
  const tc = await getTranslations("admin.dashboard.charts");
  const id = "chart-ageing";
  const money = (value: number) => formatMoney(value, currency, locale);
  // Always the four buckets, in order, whatever the API left out.
  const rows = AGEING_BUCKETS.map((key) => {
    const bucket = buckets.find((b) => b.key === key);
    return { key, amount: bucket?.amount ?? 0, count: bucket?.count ?? 0 };
  });
  const links = dashboardLinks();
  const total = rows.reduce((sum, b) => sum + b.amount, 0);
  const x = bands(
    rows.map((b) => b.key),
    [MARGIN.left, WIDTH - MARGIN.right],
    0.35,
  );
  const { scale: y } = amountScale(Math.max(0, ...rows.map((b) => b.amount)), [HEIGHT - MARGIN.bottom, MARGIN.top]);

  return (
    <ChartCard
      id={id}
      title={t("title")}
      showData={tc("showData")}
      table={
        total === 0 ? undefined : (
          <ChartTable
            caption={t("title")}
            head={[t("bucket"), t("amount"), t("count")]}
            rows={rows.map((b) => [
              <MaybeLink key={b.key} href={links.ageing(b.key)}>
                {t(`buckets.${b.key}`)}
              </MaybeLink>,
              money(b.amount),
              formatNumber(b.count, locale),
            ])}
          />
        )
      }
    >
      {total === 0 ? (
        <EmptyNote text={t("empty")} />
      ) : (
        <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="h-auto w-full max-w-md">
          <title id={`${id}-title`}>{t("title")}</title>
          <desc id={`${id}-desc`}>{t("summary", { total: money(total) })}</desc>
          <g fontSize={12}>
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(0)} y2={y(0)} className="stroke-border" />
            {rows.map((b) => {
              const left = x(b.key) ?? 0;
              const centre = left + x.bandwidth() / 2;
              return (
                <g key={b.key}>
                  <rect x={left} y={y(b.amount)} width={x.bandwidth()} height={Math.max(0, y(0) - y(b.amount))} rx={2} fill={COLOURS[b.key]} />
                  <text x={centre} y={y(b.amount) - 5} textAnchor="middle" className="fill-foreground font-medium">
                    {compactAmount(b.amount, locale)}
                  </text>
                  <text x={centre} y={HEIGHT - 7} textAnchor="middle" className="fill-muted-foreground">
                    {t(`buckets.${b.key}`)}
                  </text>
                </g>
              );
            })}
          </g>
        </svg>
      )}
    </ChartCard>
  );
}
