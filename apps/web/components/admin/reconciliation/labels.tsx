"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";
import { useMethodName } from "@/components/admin/payments/labels";
import { CINETPAY_METHODS } from "@/components/admin/payments/list-state";
import { Badge } from "@/components/ui/badge";
import { formatMoney } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { cn } from "@/lib/utils";
import { VERDICT_TONE, VERDICTS, type Verdict, type VerdictCounts } from "./lines-state";

/** A line's verdict in words ("Absent de NOURX"), in its colour. */
export function VerdictBadge({ verdict, count }: { verdict: Verdict; count?: number }) {
  const t = useTranslations("admin.reconciliation.verdict");
  return (
    <Badge tone={VERDICT_TONE[verdict]} data-testid="verdict">
      {count === undefined ? t(verdict) : `${count} ${t(verdict)}`}
    </Badge>
  );
}

/** An import's verdicts as coloured badges ("12 Concordant", "1 Absent de NOURX"), the ones with lines only. */
export function VerdictCountBadges({ counts, className }: { counts: VerdictCounts; className?: string }) {
  const present = VERDICTS.filter((verdict) => counts[verdict] > 0);
  return (
    <span className={cn("flex flex-wrap gap-1", className)}>
      {present.map((verdict) => (
        <VerdictBadge key={verdict} verdict={verdict} count={counts[verdict]} />
      ))}
    </span>
  );
}

/** The statement's total less NOURX's: plain when nil, in red with its sign otherwise. */
export function Difference({ amount, className }: { amount: number; className?: string }) {
  const locale = useAppLocale();
  const text = formatMoney(Math.abs(amount), "XOF", locale);
  return (
    <span className={cn("tabular-nums", amount !== 0 && "font-semibold text-destructive", className)} data-testid="difference">
      {amount > 0 ? `+${text}` : amount < 0 ? `−${text}` : text}
    </span>
  );
}

/**
 * An operator as the statement or NOURX writes it: CinetPay's codes in words ("MOMO" → "MTN
 * MoMo"; `OMCIV2` reads as Orange Money, as the API files it), anything else as written.
 */
export function useOperatorName() {
  const methodName = useMethodName();
  return useCallback(
    (method: string) => {
      const code = method.trim().toUpperCase();
      const known = CINETPAY_METHODS.find((prefix) => code === prefix || (prefix === "OM" && /^OM[A-Z]{0,3}\d*$/.test(code)));
      return known ? methodName(known) : method;
    },
    [methodName],
  );
}
