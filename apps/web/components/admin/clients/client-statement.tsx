"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { StatementView } from "@/components/billing/statement";
import { presetPeriod, type StatementPeriod } from "@/lib/statement-period";
import { SectionCard } from "./section-card";

/** The client's statement of account, as the portal shows it to them, in a section of its page (this year first). */
export function ClientStatementSection({ clientId }: { clientId: string }) {
  const t = useTranslations("admin.clients");
  const [period, setPeriod] = useState<StatementPeriod>(() => presetPeriod("year", new Date()));
  return (
    <SectionCard id="statement" title={t("detail.section.statement")}>
      <StatementView clientId={clientId} period={period} onPeriodChange={setPeriod} audience="staff" />
    </SectionCard>
  );
}
