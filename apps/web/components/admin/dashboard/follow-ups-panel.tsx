import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { formatDate, type AppLocale } from "@/lib/format";
import { cn } from "@/lib/utils";
import type { FollowUpPage, Loaded } from "./api";
import { abidjanToday } from "./links";
import { EmptyNote, ProblemNote } from "./notes";

/** « Relances du jour »: the caller's prospects to call back today (or already late), each a link to its page. */
export async function FollowUpsPanel({ followUps, locale, now }: { followUps: Loaded<FollowUpPage>; locale: AppLocale; now: Date }) {
  const t = await getTranslations("admin.dashboard");
  const today = abidjanToday(now);
  const total = followUps.state === "ok" ? followUps.data.count : 0;
  return (
    <Card aria-labelledby="follow-ups-heading" className="min-w-0" data-testid="follow-ups">
      <CardHeader>
        <CardTitle id="follow-ups-heading">
          {t("followUps.title")}
          {total > 0 ? <span className="ml-2 font-normal text-muted-foreground tabular-nums">{total}</span> : null}
        </CardTitle>
      </CardHeader>
      <CardContent>
        {followUps.state !== "ok" ? (
          <ProblemNote kind={followUps.state} text={followUps.state === "missing" ? t("unavailable") : t("error")} />
        ) : followUps.data.results.length === 0 ? (
          <EmptyNote text={t("followUps.empty")} />
        ) : (
          <>
            <ul>
              {followUps.data.results.map((prospect) => {
                const late = Boolean(prospect.next_follow_up && prospect.next_follow_up < today);
                return (
                  <li key={prospect.id} className="border-b last:border-0" data-testid="follow-up">
                    <Link
                      href={`/admin/prospects/${prospect.id}`}
                      prefetch={false}
                      className="flex min-h-11 flex-col justify-center gap-0.5 py-2 text-sm hover:bg-accent/60 focus-visible:outline-2 focus-visible:outline-ring"
                    >
                      <span className="flex items-baseline justify-between gap-2">
                        <span className="min-w-0 font-medium break-words">{prospect.company}</span>
                        {prospect.next_follow_up ? (
                          <time dateTime={prospect.next_follow_up} className={cn("shrink-0 text-xs tabular-nums", late ? "font-medium text-warning" : "text-muted-foreground")}>
                            {late ? t("followUps.late", { date: formatDate(prospect.next_follow_up, locale) }) : formatDate(prospect.next_follow_up, locale)}
                          </time>
                        ) : null}
                      </span>
                      <span className="text-xs text-muted-foreground">
                        {[prospect.contact_name, prospect.stage_name].filter(Boolean).join(" · ")}
                      </span>
                    </Link>
                  </li>
                );
              })}
            </ul>
            {total > followUps.data.results.length ? (
              <p className="pt-2 text-xs text-muted-foreground">{t("followUps.more", { count: total - followUps.data.results.length })}</p>
            ) : null}
          </>
        )}
      </CardContent>
    </Card>
  );
}
