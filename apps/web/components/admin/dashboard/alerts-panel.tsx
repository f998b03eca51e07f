import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Icon } from "@/components/admin/icons";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { formatDate, formatDateTime, type AppLocale } from "@/lib/format";
import { cn } from "@/lib/utils";
import type { Alert, Loaded } from "./api";
import { sortAlerts } from "./figures";
import { EmptyNote, ProblemNote } from "./notes";

/** How many alerts show before "Voir les N autres". */
const SHOWN = 5;
const TIME_ZONE = "Africa/Abidjan";

async function AlertItem({ alert, locale }: { alert: Alert; locale: AppLocale }) {
  const t = await getTranslations("admin.dashboard.alerts");
  const critical = alert.severity === "critical";
  return (
    <li className="flex gap-2 border-b py-2 last:border-0" data-severity={alert.severity}>
      <Icon name={critical ? "OctagonAlert" : "TriangleAlert"} className={cn("mt-0.5 size-4", critical ? "text-red-700" : "text-warning")} />
      <div className="min-w-0 flex-1">
        <span
          className={cn(
            "mr-1.5 inline-block rounded px-1.5 text-[0.7rem] font-semibold uppercase",
            critical ? "bg-red-50 text-red-800" : "bg-warning-bg text-warning",
          )}
        >
          {critical ? t("critical") : t("warning")}
        </span>
        <Link href={alert.href} prefetch={false} className="text-sm font-medium text-primary underline-offset-4 hover:underline">
          {alert.title}
        </Link>
        <p className="text-xs text-muted-foreground">
          {alert.detail ? <>{alert.detail} · </> : null}
          <time dateTime={alert.since} title={formatDateTime(alert.since, locale, TIME_ZONE)}>
            {t("since", { date: formatDate(alert.since, locale, TIME_ZONE) })}
          </time>
        </p>
      </div>
    </li>
  );
}

/** What needs doing, most urgent first, each one click from the page that fixes it. */
export async function AlertsPanel({ alerts, locale }: { alerts: Loaded<{ count: number; results: Alert[] }>; locale: AppLocale }) {
  const t = await getTranslations("admin.dashboard");
  const sorted = alerts.state === "ok" ? sortAlerts(alerts.data.results) : [];
  return (
    <Card aria-labelledby="alerts-heading" className="min-w-0" data-testid="alerts">
      <CardHeader>
        <CardTitle id="alerts-heading">{t("alerts.title")}</CardTitle>
        {sorted.length > 0 ? (
          <span className="rounded-full bg-muted px-2 py-0.5 text-xs font-medium">{t("alerts.count", { count: alerts.state === "ok" ? alerts.data.count : 0 })}</span>
        ) : null}
      </CardHeader>
      <CardContent>
        {alerts.state !== "ok" ? (
          <ProblemNote kind={alerts.state} text={alerts.state === "missing" ? t("unavailable") : t("error")} />
        ) : sorted.length === 0 ? (
          <EmptyNote text={t("alerts.empty")} />
        ) : (
          <>
            <ul>
              {sorted.slice(0, SHOWN).map((alert) => (
                <AlertItem key={`${alert.kind}-${alert.entity_id}`} alert={alert} locale={locale} />
              ))}
            </ul>
            {sorted.length > SHOWN ? (
              <details>
                <summary className="inline-flex min-h-11 cursor-pointer items-center text-sm font-medium text-primary md:min-h-9">
                  {t("alerts.more", { count: sorted.length - SHOWN })}
                </summary>
                <ul>
                  {sorted.slice(SHOWN).map((alert) => (
                    <AlertItem key={`${alert.kind}-${alert.entity_id}`} alert={alert} locale={locale} />
                  ))}
                </ul>
              </details>
            ) : null}
          </>
        )}
      </CardContent>
    </Card>
  );
}
