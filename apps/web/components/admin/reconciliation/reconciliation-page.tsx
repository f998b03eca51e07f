"use client";

import { useTranslations } from "next-intl";
import { PaymentsTabs } from "@/components/admin/payments/payments-tabs";
import { PageHeader } from "@/components/states";
import { ImportCard } from "./import-card";
import { ImportsList } from "./imports-list";

/** `/admin/paiements/rapprochement`: import CinetPay's statement, and the imports so far. */
export function ReconciliationPage() {
  const t = useTranslations("admin.reconciliation");
  return (
    <div className="flex flex-col gap-4">
      <div>
        <PaymentsTabs current="reconciliation" />
        <PageHeader title={t("title")} description={t("description")} />
      </div>
      <ImportCard />
      <ImportsList />
    </div>
  );
}
