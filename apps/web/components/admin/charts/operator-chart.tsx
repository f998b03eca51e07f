import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ChannelTotal, OperatorTotal } from "@/components/admin/dashboard/api";
import { dashboardLinks } from "@/components/admin/dashboard/links";
import { EmptyNote } from "@/components/admin/dashboard/notes";
import { formatMoney, formatNumber, type AppLocale } from "@/lib/format";
import { ChartCard, ChartTable, MaybeLink } from "./chart-card";
import { amountScale, compactAmount } from "./scales";

// About the card's width at 1280 px (a third of the grid) and on a 360 px phone: text stays at 12 px.
const WIDTH = 300;
const ROW = 28;
const LABEL = 96;
const VALUE = 44;

type Range = { from: string; to: string };
/** Channels with a name in the messages; another one shows as the API's key. */
const KNOWN_CHANNELS = ["mobile_money", "card", "bank_transfer", "cash", "cheque", "other"] as const;

/** A channel's total: a link to its payments once the payments section has a page. */
function ChannelTotalLine({ href, children }: { href: string | undefined; children: React.ReactNode }) {
  if (!href) return <span className="inline-flex min-h-11 items-center gap-1 md:min-h-0">{children}</span>;
  return (
    <Link href={href} prefetch={false} className="inline-flex min-h-11 items-center gap-1 text-primary underline-offset-4 hover:underline md:min-h-0">
      {children}
    </Link>
  );
}

/** Collected per operator as horizontal bars (largest first), and the split by channel below. */
export async function OperatorChart({
  operators,
  channels,
  currency,
  locale,
  range,
}: {
  operators: OperatorTotal[];
  channels: ChannelTotal[];
  currency: string;
  locale: AppLocale;
  range: Range;
}) {
  const t = await getTranslations("admin.dashboard.charts.operators");
  const tc = await getTranslations("admin.dashboard.charts");
  const id = "chart-operators";
  const money = (value: number) => formatMoney(value, currency, locale);
  const rows = [...operators].sort((a, b) => b.amount - a.amount);
  const total = rows.reduce((sum, o) => sum + o.amount, 0);
  const height = rows.length * ROW + 4;
  const { scale: x } = amountScale(Math.max(0, ...rows.map((o) => o.amount)), [LABEL, WIDTH - VALUE]);
  const links = dashboardLinks();
  const channelName = (key: string) => {
    const known = KNOWN_CHANNELS.find((channel) => channel === key);
    return known ? t(`channel.${known}`) : key;
  };

  return (
    <ChartCard
      id={id}
      title={t("title")}
      showData={tc("showData")}
      table={
        total === 0 ? undefined : (
          <ChartTable
            caption={t("title")}
            head={[t("operator"), t("amount"), t("count")]}
            rows={rows.map((o) => [
              <MaybeLink key={o.key} href={links.operator(o.key, range)}>
                {o.label}
              </MaybeLink>,
              money(o.amount),
              formatNumber(o.count, locale),
            ])}
          />
        )
      }
    >
      {total === 0 ? (
        <EmptyNote text={t("empty")} />
      ) : (
        <>
          <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${WIDTH} ${height}`} className="h-auto w-full max-w-md">
            <title id={`${id}-title`}>{t("title")}</title>
            <desc id={`${id}-desc`}>{t("summary", { total: money(total) })}</desc>
            <g fontSize={12}>
              {rows.map((o, i) => {
                const top = i * ROW + 4;
                const end = x(o.amount);
                return (
                  <g key={o.key}>
                    <text x={0} y={top + ROW / 2 - 2} dy="0.32em" className="fill-foreground">
                      {o.label}
                    </text>
                    <rect x={LABEL} y={top + 3} width={Math.max(o.amount > 0 ? 2 : 0, end - LABEL)} height={ROW - 10} rx={2} className="fill-primary" />
                    <text x={end + 4} y={top + ROW / 2 - 2} dy="0.32em" className="fill-muted-foreground">
                      {compactAmount(o.amount, locale)}
                    </text>
                  </g>
                );
              })}
            </g>
          </svg>
          {channels.length > 0 ? (
            <div className="mt-2 text-sm">
              <h3 className="text-xs font-medium text-muted-foreground">{t("channels")}</h3>
              <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
                {channels.map((c) => (
                  <li key={c.key}>
                    <ChannelTotalLine href={links.channel(c.key, range)}>
                      {channelName(c.key)}
                      <span className="text-foreground tabular-nums">{money(c.amount)}</span>
                      <span className="text-muted-foreground">({formatNumber(c.count, locale)})</span>
                    </ChannelTotalLine>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </>
      )}
    </ChartCard>
  );
}
