import Link from "next/link";
import { ArrowRight, Hourglass } from "lucide-react";
import { getLocale, getTranslations } from "next-intl/server";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { Milestone } from "@/lib/api/types";
import { formatDate, formatMoney, type AppLocale } from "@/lib/format";
import { milestoneAnchor, milestoneBilling } from "@/lib/milestones";
import { cn } from "@/lib/utils";

export type MilestoneToApprove = Pick<
  Milestone,
  "id" | "project_id" | "title" | "amount" | "quote_percent" | "billed_amount" | "submitted_at" | "due_date"
> & { project_name?: string };

/**
 * « Jalons à valider » on the client's dashboard, only when NOURX waits for an answer. Drawn on
 * the server: the dashboard's JavaScript does not grow for it. Each links to the milestone on its
 * project page (`#jalon-<id>`), where the answers are.
 */
export async function ApprovalsCard({ milestones }: { milestones: MilestoneToApprove[] }) {
  if (milestones.length === 0) return null;
  const t = await getTranslations("approval");
  const locale = (await getLocale()) as AppLocale;

  return (
    <Card aria-labelledby="approvals-title" className="border-amber-300" data-testid="approvals">
      <CardHeader>
        <div>
          <CardTitle id="approvals-title" className="flex items-center gap-2">
            <Hourglass className="size-5 text-amber-700" aria-hidden="true" />
            {t("cardTitle")}
          </CardTitle>
          <CardDescription>{t("cardIntro", { count: milestones.length })}</CardDescription>
        </div>
      </CardHeader>
      <CardContent>
        <ul className="grid gap-2 lg:grid-cols-2">
          {milestones.map((milestone) => {
            const billing = milestoneBilling(milestone);
            return (
              <li key={milestone.id}>
                <Link
                  href={`/projets/${milestone.project_id}#${milestoneAnchor(milestone.id)}`}
                  className="flex h-full flex-col gap-1 rounded-md border bg-background p-3 hover:bg-accent"
                >
                  <span className="font-medium break-words">{milestone.title}</span>
                  <span className="flex flex-wrap gap-x-2 text-xs text-muted-foreground">
                    {milestone.project_name ? <span>{milestone.project_name}</span> : null}
                    {milestone.submitted_at ? (
                      <span>{t("submittedOn", { date: formatDate(milestone.submitted_at, locale) })}</span>
                    ) : null}
                  </span>
                  {billing.kind !== "none" ? (
                    <span className="text-sm font-medium tabular-nums">
                      {t("billedLine", {
                        amount:
                          billing.kind === "amount"
                            ? t("amountHt", { amount: formatMoney(billing.amount, "XOF", locale) })
                            : t("percentHt", { percent: billing.percent }),
                      })}
                    </span>
                  ) : null}
                  <span className={cn(buttonVariants({ size: "sm" }), "mt-1 self-start px-5")}>
                    {t("open")}
                    <ArrowRight aria-hidden="true" />
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      </CardContent>
    </Card>
  );
}
