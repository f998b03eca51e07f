"use client";

import { useTranslations } from "next-intl";
import type { Quote } from "@/lib/api/types";
import { daysUntil, formatDate } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { cn } from "@/lib/utils";

type ValidityFields = Pick<Quote, "status" | "valid_until" | "decided_at">;

/**
 * How long a quote waiting for an answer stays valid ("Expire dans 3 jours" when close), when an
 * expired one ended, and when an answered one was decided.
 */
export function ValidityLine({
  quote,
  className,
  onlySoon,
}: {
  quote: ValidityFields;
  className?: string;
  /** Only the "expires soon" warning (the date is shown beside it). */
  onlySoon?: boolean;
}) {
  const t = useTranslations("quotes");
  const locale = useAppLocale();
  if (quote.status === "sent" && quote.valid_until) {
    const days = daysUntil(quote.valid_until);
    if (days >= 0 && days <= 7) {
      return <span className={cn("font-medium text-warning", className)}>{t("expiresIn", { days })}</span>;
    }
    return onlySoon ? null : (
      <span className={cn("text-muted-foreground", className)}>{t("validUntilOn", { date: formatDate(quote.valid_until, locale) })}</span>
    );
  }
  if (onlySoon) return null;
  if (quote.status === "expired" && quote.valid_until) {
    return <span className={cn("text-muted-foreground", className)}>{t("expiredOn", { date: formatDate(quote.valid_until, locale) })}</span>;
  }
  if (quote.status === "accepted" && quote.decided_at) {
    return <span className={cn("text-muted-foreground", className)}>{t("acceptedOn", { date: formatDate(quote.decided_at, locale) })}</span>;
  }
  if (quote.status === "declined" && quote.decided_at) {
    return <span className={cn("text-muted-foreground", className)}>{t("declinedOn", { date: formatDate(quote.decided_at, locale) })}</span>;
  }
  return null;
}
