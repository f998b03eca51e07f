import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ShareBar } from "@/components/admin/charts/share-bar";
import { percent } from "@/components/admin/charts/scales";
import { EmptyNote, ProblemNote } from "@/components/admin/dashboard/notes";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { unwrap } from "@/lib/api/client";
import { serverApi } from "@/lib/api/server";
import type { components } from "@/lib/api/schema";
import { formatDate, formatMoney, type AppLocale } from "@/lib/format";
import { operatorPaymentsHref, share, shownShare, type CollectedPeriod } from "./collected-period";

type Report = components["schemas"]["CollectedReportDto"];
type Row = { key: string; name: string; amount: number; count: number; href: string | null };

const OPERATORS = ["orange_money", "mtn", "moov", "wave", "card", "other_cinetpay", "bank_transfer", "cash", "cheque", "mobile_money_transfer"] as const;
const CHANNELS = ["mobile_money", "card", "offline"] as const;

async function fetchReport(period: CollectedPeriod): Promise<Report | null> {
  try {
    return await unwrap((await serverApi()).GET("/api/admin/payments/collected/", { params: { query: { from: period.from, to: period.to } } }));
  } catch (error) {
    console.error("collected report: API call failed", error);
    return null;
  }
}

/** Rows with their share of the total: name (a link to its payments when there is a list), amount, count, bar. */
async function ShareList({ id, title, rows, total, currency, locale }: { id: string; title: string; rows: Row[]; total: number; currency: string; locale: AppLocale }) {
  const t = await getTranslations("admin.reconciliation.collected");
  const shareText = (fraction: number) => {
    const shown = shownShare(fraction);
    return t(shown.below ? "shareBelow" : "share", { percent: percent(shown.value, locale) });
  };
  return (
    <Card aria-labelledby={`${id}-title`} className="min-w-0" data-testid={id}>
      <CardHeader>
        <CardTitle id={`${id}-title`}>{title}</CardTitle>
      </CardHeader>
      <CardContent>
        <ul className="flex flex-col divide-y">
          {rows.map((row) => (
            <li key={row.key} className="flex flex-col gap-1.5 py-2.5 first:pt-0 last:pb-0" data-testid={`${id}-${row.key}`}>
              <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-0.5">
                {row.href ? (
                  <Link
                    href={row.href}
                    prefetch={false}
                    className="inline-flex min-h-11 items-center font-medium text-primary underline-offset-4 hover:underline md:min-h-0"
                    aria-label={t("seePayments", { name: row.name })}
                  >
                    {row.name}
                  </Link>
                ) : (
                  <span className="font-medium">{row.name}</span>
                )}
                <span className="font-semibold tabular-nums" data-testid="row-amount">
                  {formatMoney(row.amount, currency, locale)}
                </span>
              </div>
              <ShareBar value={row.amount} total={total} />
              <p className="flex flex-wrap justify-between gap-x-3 text-xs text-muted-foreground tabular-nums">
                <span data-testid="row-share">{shareText(share(row.amount, total))}</span>
                <span data-testid="row-count">{t("payments", { count: row.count })}</span>
              </p>
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}

/**
 * The money applied to invoices over the period: the total, then its split by channel and by
 * operator, each with its share drawn on the server. Operators link to their payments in the
 * console (accepted, within the period).
 */
export async function CollectedReport({ period, locale }: { period: CollectedPeriod; locale: AppLocale }) {
  const [report, t] = await Promise.all([fetchReport(period), getTranslations("admin.reconciliation.collected")]);
  if (!report) return <ProblemNote kind="error" text={t("error")} />;
  const range = { from: report.from, to: report.to };
  const operatorName = (key: string) => ((OPERATORS as readonly string[]).includes(key) ? t(`operator.${key as (typeof OPERATORS)[number]}`) : key);
  const channelName = (key: string) => ((CHANNELS as readonly string[]).includes(key) ? t(`channel.${key as (typeof CHANNELS)[number]}`) : key);
  const money = (amount: number) => formatMoney(amount, report.currency, locale);

  return (
    <div className="flex flex-col gap-4">
      <Card aria-labelledby="collected-total-title" data-testid="collected-total">
        <CardContent className="flex flex-col gap-1 pt-4">
          <h2 id="collected-total-title" className="text-sm font-medium text-muted-foreground">
            {t("total")}
          </h2>
          <p className="text-3xl font-semibold tracking-tight tabular-nums" data-testid="collected-amount">
            {money(report.amount)}
          </p>
          <p className="text-sm text-muted-foreground tabular-nums">
            {t("payments", { count: report.count })} · {t("range", { from: formatDate(report.from, locale), to: formatDate(report.to, locale) })}
          </p>
        </CardContent>
      </Card>
      {report.count === 0 ? (
        <div className="flex flex-col items-start gap-3">
          <EmptyNote text={t("empty")} className="w-full" />
          <Link href="/admin/paiements" className="inline-flex min-h-11 items-center text-sm font-medium text-primary hover:underline">
            {t("emptyAction")}
          </Link>
        </div>
      ) : (
        <div className="grid gap-4 lg:grid-cols-2 lg:items-start">
          <ShareList
            id="collected-channels"
            title={t("byChannel")}
            total={report.amount}
            currency={report.currency}
            locale={locale}
            rows={report.channels.map((c) => ({ key: c.channel, name: channelName(c.channel), amount: c.amount, count: c.count, href: null }))}
          />
          <ShareList
            id="collected-operators"
            title={t("byOperator")}
            total={report.amount}
            currency={report.currency}
            locale={locale}
            rows={report.operators.map((o) => ({
              key: o.operator,
              name: operatorName(o.operator),
              amount: o.amount,
              count: o.count,
              href: operatorPaymentsHref(o.operator, range),
            }))}
          />
        </div>
      )}
    </div>
  );
}
