"use client";

import Link from "next/link";
import { ChevronRight, Plus } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { PriorityBadge, TicketStatusBadge } from "@/components/badges";
import { useClientScope } from "@/components/client-scope";
import { ListShell, SkeletonRows } from "@/components/list-shell";
import { PageHeader } from "@/components/states";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { Priority, TicketStatus } from "@/lib/api/types";
import { PRIORITIES, TICKET_STATUSES } from "@/lib/api/types";
import { useTickets } from "@/queries/tickets";
import { SlaLine } from "./sla";

export function TicketsClient() {
  const t = useTranslations("support");
  const tt = useTranslations("tasks");
  const tc = useTranslations("common");
  const { clientId } = useClientScope();
  const [status, setStatus] = useState<TicketStatus | "">("");
  const [priority, setPriority] = useState<Priority | "">("");
  const tickets = useTickets({ client: clientId, status: status || undefined, priority: priority || undefined });
  const filtered = Boolean(status || priority);

  const newButton = (
    <Button asChild>
      <Link href="/support/nouveau">
        <Plus aria-hidden="true" />
        {t("new")}
      </Link>
    </Button>
  );

  return (
    <div>
      <PageHeader title={t("title")} description={t("intro")} actions={newButton} />
      <div className="mb-4 grid grid-cols-2 gap-3 sm:flex sm:flex-wrap">
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="ticket-status">{t("filterStatus")}</Label>
          <NativeSelect id="ticket-status" value={status} onChange={(e) => setStatus(e.target.value as TicketStatus | "")}>
            <option value="">{tc("all")}</option>
            {TICKET_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`statusShort.${s}`)}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="ticket-priority">{t("filterPriority")}</Label>
          <NativeSelect id="ticket-priority" value={priority} onChange={(e) => setPriority(e.target.value as Priority | "")}>
            <option value="">{tc("all")}</option>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {tt(`priority.${p}`)}
              </option>
            ))}
          </NativeSelect>
        </div>
      </div>
      <ListShell
        query={tickets}
        items={tickets.data?.results ?? []}
        skeleton={<SkeletonRows count={4} row="h-20" />}
        empty={{
          text: filtered ? t("empty") : t("emptyAll"),
          action: filtered ? (
            <Button variant="outline" onClick={() => (setStatus(""), setPriority(""))}>
              {tt("resetFilters")}
            </Button>
          ) : (
            newButton
          ),
        }}
      >
        {(rows) => (
          <ul className="divide-y rounded-lg border bg-card" data-testid="ticket-list">
            {rows.map((ticket) => (
              <li key={ticket.id}>
                <Link href={`/support/${ticket.id}`} className="flex min-h-16 items-center gap-3 px-4 py-3 hover:bg-accent">
                  <span className="min-w-0 flex-1">
                    <span className="block font-medium break-words">{ticket.subject}</span>
                    <span className="mt-1 flex flex-wrap items-center gap-1.5 text-xs text-muted-foreground">
                      <span>{t("number", { number: ticket.number })}</span>
                      <TicketStatusBadge status={ticket.status} />
                      <PriorityBadge priority={ticket.priority} />
                    </span>
                    <span className="mt-1 block text-xs text-muted-foreground">
                      <SlaLine ticket={ticket} />
                    </span>
                  </span>
                  <ChevronRight className="size-5 shrink-0 text-muted-foreground" aria-hidden="true" />
                </Link>
              </li>
            ))}
          </ul>
        )}
      </ListShell>
    </div>
  );
}
