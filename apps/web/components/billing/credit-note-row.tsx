"use client";

import { Download } from "lucide-react";
import { useTranslations } from "next-intl";
import { buttonVariants } from "@/components/ui/button";
import type { CreditNote } from "@/lib/api/types";
import { formatDate, formatMoney } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { cn } from "@/lib/utils";

/** One credit note (avoir) of an invoice: number, date, reason, refund if any, amount and PDF. Staff and clients see the same. */
export function CreditNoteRow({ note }: { note: CreditNote }) {
  const t = useTranslations("billing.creditNotes");
  const locale = useAppLocale();
  const money = (amount: number) => formatMoney(amount, note.currency, locale);
  return (
    <li className="flex flex-col gap-1.5 py-3 first:pt-0 last:pb-0 sm:flex-row sm:items-start sm:justify-between sm:gap-4" data-testid="credit-note">
      <div className="flex min-w-0 flex-col gap-0.5">
        <span className="font-semibold tabular-nums">{note.number}</span>
        <span className="text-sm text-muted-foreground">{t("issued", { date: formatDate(note.issue_date, locale) })}</span>
        <span className="text-sm break-words">{t("reasonLine", { reason: note.reason })}</span>
        {note.refund_amount > 0 ? (
          <span className="text-sm text-muted-foreground">
            {t("refund", {
              amount: money(note.refund_amount),
              method: note.refund_method ? t(`methods.${note.refund_method}`) : "—",
            })}
            {note.refund_reference ? ` · ${t("refundRef", { reference: note.refund_reference })}` : null}
          </span>
        ) : null}
      </div>
      <div className="flex shrink-0 items-center justify-between gap-3 sm:flex-col sm:items-end">
        <span className="font-semibold tabular-nums">− {money(note.total_ttc)}</span>
        <a
          href={note.pdf_url}
          target="_blank"
          rel="noopener"
          className={cn(buttonVariants({ variant: "ghost", size: "sm" }), "min-h-11")}
          aria-label={t("pdfLabel", { number: note.number })}
        >
          <Download aria-hidden="true" />
          {t("pdf")}
        </a>
      </div>
    </li>
  );
}
