"use client";

import Link from "next/link";
import { Receipt } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { StatementView } from "@/components/billing/statement";
import { useClientScope } from "@/components/client-scope";
import { SkeletonRows } from "@/components/list-shell";
import { EmptyState, LoadingState, PageHeader } from "@/components/states";
import { buttonVariants } from "@/components/ui/button";
import { readStatementPeriod, statementPeriodSearch, type StatementPeriod } from "@/lib/statement-period";
import { useMe } from "@/queries/me";

/**
 * The client's statement of account. People of several clients see the one picked in the header
 * (as every list of the portal); the others, their only client.
 */
export function StatementClient({ address }: { address: Record<string, string> }) {
  const t = useTranslations("statement");
  const me = useMe();
  const { clientId, clients, several } = useClientScope();
  const id = clientId ?? me.data?.client_ids[0];
  const name = clients.find((client) => client.id === id)?.name;
  const [period, setPeriod] = useState<StatementPeriod>(() => readStatementPeriod(new URLSearchParams(address), new Date()));

  const change = (next: StatementPeriod) => {
    setPeriod(next);
    // Kept in the address, so a reload or a shared link shows the same period.
    const url = new URL(window.location.href);
    url.search = statementPeriodSearch(next);
    window.history.replaceState(window.history.state, "", url);
  };

  return (
    <div>
      <PageHeader
        title={t("title")}
        description={several && name ? t("account", { name }) : t("intro")}
        actions={
          <Link href="/factures" className={buttonVariants({ variant: "outline", size: "sm" })}>
            <Receipt aria-hidden="true" />
            {t("invoicesLink")}
          </Link>
        }
      />
      {id ? (
        <StatementView key={id} clientId={id} period={period} onPeriodChange={change} />
      ) : me.data ? (
        <EmptyState text={t("noClient")} />
      ) : (
        <LoadingState skeleton={<SkeletonRows count={5} row="h-12" />} />
      )}
    </div>
  );
}
