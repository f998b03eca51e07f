import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Icon } from "@/components/admin/icons";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { formatDateTime, formatRelative, type AppLocale } from "@/lib/format";
import type { ActivityEntry, Loaded } from "./api";
import { dashboardLinks } from "./links";
import { EmptyNote, ProblemNote } from "./notes";

const TIME_ZONE = "Africa/Abidjan";

/** The last ten things that happened, as sentences, with "Tout le journal" for the rest. */
export async function ActivityPanel({
  activity,
  locale,
  now,
}: {
  activity: Loaded<{ results: ActivityEntry[] }>;
  locale: AppLocale;
  now: Date;
}) {
  const t = await getTranslations("admin.dashboard");
  const journal = dashboardLinks().journal();
  return (
    <Card aria-labelledby="activity-heading" className="min-w-0" data-testid="activity">
      <CardHeader>
        <CardTitle id="activity-heading">{t("activity.title")}</CardTitle>
        {journal ? (
          <Link href={journal} className="-my-2 inline-flex min-h-11 items-center gap-1 text-sm font-medium text-primary">
            {t("activity.all")}
            <Icon name="ArrowRight" className="size-4" />
          </Link>
        ) : null}
      </CardHeader>
      <CardContent>
        {activity.state !== "ok" ? (
          <ProblemNote kind={activity.state} text={activity.state === "missing" ? t("unavailable") : t("error")} />
        ) : activity.data.results.length === 0 ? (
          <EmptyNote text={t("activity.empty")} />
        ) : (
          <ol>
            {activity.data.results.map((entry) => (
              <li key={entry.id} className="border-b py-2 text-sm last:border-0">
                {entry.href ? (
                  <Link href={entry.href} prefetch={false} className="underline-offset-4 hover:underline">
                    {entry.sentence}
                  </Link>
                ) : (
                  <span>{entry.sentence}</span>
                )}
                <p className="text-xs text-muted-foreground">
                  <time dateTime={entry.at}>
                    {formatRelative(entry.at, locale, now)} · {formatDateTime(entry.at, locale, TIME_ZONE)}
                  </time>
                </p>
              </li>
            ))}
          </ol>
        )}
      </CardContent>
    </Card>
  );
}
