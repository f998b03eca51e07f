import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Icon } from "@/components/admin/icons";
import { cn } from "@/lib/utils";
import { COLLECTED_PATH, COLLECTED_PRESETS, collectedHref, type CollectedPeriod } from "./collected-period";

const chip = (current: boolean) =>
  cn(
    "inline-flex min-h-11 items-center gap-1.5 rounded-md border px-3 text-sm font-medium md:min-h-9",
    current ? "border-primary bg-secondary text-secondary-foreground" : "bg-card hover:bg-accent",
  );

const dateField = "min-h-11 rounded-md border border-input bg-background px-2 text-sm md:min-h-9";

/**
 * Ce mois, mois dernier, 30 derniers jours, cette année, or from/to: links and a plain GET form,
 * so the period lives in the address and picking one needs no JavaScript.
 */
export async function CollectedPeriodPicker({ period }: { period: CollectedPeriod }) {
  const t = await getTranslations("admin.reconciliation.collected.period");
  const custom = period.key === "custom";
  return (
    <div className="flex flex-wrap items-start gap-2" role="group" aria-label={t("label")}>
      <ul className="flex flex-wrap gap-2">
        {COLLECTED_PRESETS.map((key) => (
          <li key={key}>
            <Link href={collectedHref({ key })} aria-current={period.key === key ? "page" : undefined} className={chip(period.key === key)}>
              {t(key)}
            </Link>
          </li>
        ))}
      </ul>
      <details open={custom} className="group">
        <summary className={cn(chip(custom), "cursor-pointer list-none [&::-webkit-details-marker]:hidden")} aria-current={custom ? "page" : undefined}>
          <Icon name="CalendarRange" className="size-4" />
          {t("custom")}
        </summary>
        <form method="get" action={COLLECTED_PATH} className="mt-2 flex flex-wrap items-end gap-2 rounded-md border bg-card p-2">
          <input type="hidden" name="period" value="custom" />
          <label className="flex flex-col gap-1 text-xs font-medium">
            {t("from")}
            <input type="date" name="from" required defaultValue={period.from} className={dateField} />
          </label>
          <label className="flex flex-col gap-1 text-xs font-medium">
            {t("to")}
            <input type="date" name="to" required defaultValue={period.to} className={dateField} />
          </label>
          <button type="submit" className="inline-flex min-h-11 items-center rounded-md bg-primary px-3 text-sm font-medium text-primary-foreground md:min-h-9">
            {t("apply")}
          </button>
        </form>
      </details>
    </div>
  );
}
