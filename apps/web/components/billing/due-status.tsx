"use client";

import { useTranslations } from "next-intl";
import type { Invoice } from "@/lib/api/types";
import { overdueDays } from "@/lib/billing";
import { daysUntil, formatDate } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { cn } from "@/lib/utils";

type DueFields = Pick<Invoice, "status" | "is_overdue" | "due_date" | "paid_at" | "cancelled_at">;

export const isUnpaid = (invoice: Pick<Invoice, "status">) =>
  invoice.status === "sent" || invoice.status === "partially_paid";

/** Whether to paint the invoice red: unpaid and past its due date (the API decides). */
export const isLate = (invoice: Pick<Invoice, "status" | "is_overdue">) => isUnpaid(invoice) && invoice.is_overdue;

/**
 * Where an invoice stands against its due date: "En retard de 5 jours" in red, "À régler dans
 * 3 jours" when close, "Payée le …" once paid.
 */
export function DueStatus({ invoice, className }: { invoice: DueFields; className?: string }) {
  const t = useTranslations("invoices");
  const locale = useAppLocale();
  if (invoice.status === "paid" && invoice.paid_at) {
    return <span className={cn("text-muted-foreground", className)}>{t("paidOn", { date: formatDate(invoice.paid_at, locale) })}</span>;
  }
  if (invoice.status === "cancelled") {
    return invoice.cancelled_at ? (
      <span className={cn("text-muted-foreground", className)}>{t("cancelledOn", { date: formatDate(invoice.cancelled_at, locale) })}</span>
    ) : null;
  }
  if (!invoice.due_date || !isUnpaid(invoice)) return null;
  if (isLate(invoice)) {
    return (
      <span className={cn("font-semibold text-destructive", className)}>
        {t("overdueDays", { days: overdueDays(invoice.due_date) })}
      </span>
    );
  }
  const days = daysUntil(invoice.due_date);
  return days >= 0 && days <= 7 ? (
    <span className={cn("font-medium text-warning", className)}>{t("dueIn", { days })}</span>
  ) : null;
}
