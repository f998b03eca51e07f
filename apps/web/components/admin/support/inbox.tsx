"use client";

import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { SlidersHorizontal, TriangleAlert, UserPlus } from "lucide-react";
import { useTranslations } from "next-intl";
import { useCallback, useMemo, useState } from "react";
import { PriorityBadge, TicketStatusBadge } from "@/components/badges";
import { ClientPicker, ProjectPicker } from "@/components/admin/projects/pickers";
import { ActiveFilterChips, ListSearchBox } from "@/components/admin/table/list-controls";
import { DataTable, Pagination, type Column } from "@/components/admin/table/data-table";
import { useStaffOptions } from "@/components/admin/tasks/assignee";
import { ListShell, SkeletonRows } from "@/components/list-shell";
import { PageHeader } from "@/components/states";
import { SupportSettingsLink } from "@/components/admin/support-settings/support-settings-link";
import { useToast } from "@/components/toaster";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { PRIORITIES, TICKET_STATUSES, type Ticket } from "@/lib/api/types";
import { formatDateTime, formatRelative } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { useErrorMessage } from "@/lib/use-error-message";
import { cn } from "@/lib/utils";
import { useMe } from "@/queries/me";
import {
  SUPPORT_PATH,
  TICKET_ORDERINGS,
  activeInboxChips,
  clearedInboxChip,
  inboxParams,
  inboxSearch,
  pageCount,
  readInboxState,
  withInboxChange,
  withoutInboxFilters,
  type InboxChip,
  type InboxState,
} from "./list-state";
import { useAssignTicket, useBulkTickets, useInbox } from "./queries";
import { SlaTimer, useNow } from "./timer";


function useInboxState() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const state = useMemo(() => readInboxState(params), [params]);
  const go = useCallback(
    (next: InboxState) => {
      const search = inboxSearch(next);
      router.push(search ? `${pathname}?${search}` : pathname, { scroll: false });
    },
    [pathname, router],
  );
  const change = (partial: Partial<InboxState>) => go(withInboxChange(state, partial));
  return { state, change, go };
}

function Subject({ ticket }: { ticket: Ticket }) {
  return (
    // The link covers the whole row (the row's other controls sit above it).
    <Link href={`${SUPPORT_PATH}/${ticket.id}`} className="font-medium break-words text-primary after:absolute after:inset-0 hover:underline">
      {ticket.subject}
    </Link>
  );
}

function ClientLink({ ticket }: { ticket: Ticket }) {
  return (
    <Link href={`/admin/clients/${ticket.client_id}`} className="relative z-10 break-words text-foreground hover:text-primary hover:underline">
      {ticket.client_name}
    </Link>
  );
}

/** "M'assigner" when the ticket is not yours; your name otherwise. */
function Assignee({ ticket, meId }: { ticket: Ticket; meId?: string }) {
  const t = useTranslations("admin.support.assign");
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const assign = useAssignTicket();
  const mine = Boolean(meId) && ticket.assigned_to === meId;
  const open = ticket.status !== "closed";
  return (
    <span className="flex flex-col items-start gap-1">
      <span className={cn("break-words", !ticket.assigned_to && "text-muted-foreground")}>{ticket.assignee_name ?? t("unassigned")}</span>
      {!mine && open && meId ? (
        <Button
          variant="outline"
          size="sm"
          className="relative z-10 px-2 text-xs md:h-8 md:min-h-8"
          aria-label={t("meLabel", { number: ticket.number })}
          disabled={assign.isPending}
          onClick={() =>
            assign.mutate(
              { id: ticket.id, assignee: meId },
              {
                onSuccess: () => toast.show("success", t("done", { number: ticket.number })),
                onError: (error) => toast.show("error", errorMessage(error)),
              },
            )
          }
        >
          <UserPlus aria-hidden="true" />
          {t("me")}
        </Button>
      ) : null}
    </span>
  );
}

function Updated({ ticket }: { ticket: Ticket }) {
  const locale = useAppLocale();
  return (
    <time dateTime={ticket.updated_at} title={formatDateTime(ticket.updated_at, locale)} className="whitespace-nowrap text-muted-foreground" suppressHydrationWarning>
      {formatRelative(ticket.updated_at, locale)}
    </time>
  );
}

function TicketCard({ ticket, meId, now }: { ticket: Ticket; meId?: string; now: Date }) {
  const t = useTranslations("admin.support.columns");
  return (
    <div className="relative flex flex-col gap-2 rounded-lg border bg-card p-3 text-sm hover:bg-accent/60" data-testid="ticket-card">
      <span className="flex items-start justify-between gap-2">
        <span className="text-xs text-muted-foreground tabular-nums">#{ticket.number}</span>
        <SlaTimer ticket={ticket} now={now} />
      </span>
      <Subject ticket={ticket} />
      <ClientLink ticket={ticket} />
      <span className="flex flex-wrap items-center gap-2">
        <TicketStatusBadge status={ticket.status} />
        <PriorityBadge priority={ticket.priority} />
        <Updated ticket={ticket} />
      </span>
      <div className="flex flex-col">
        <span className="text-xs text-muted-foreground">{t("assignee")}</span>
        <Assignee ticket={ticket} meId={meId} />
      </div>
    </div>
  );
}

/** Assign, reprioritise or move the ticked tickets in one go: all of them or none. */
function BulkBar({ ids, onDone }: { ids: string[]; onDone: () => void }) {
  const t = useTranslations("admin.support");
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const staff = useStaffOptions();
  const bulk = useBulkTickets();
  const [assignee, setAssignee] = useState("");
  const [priority, setPriority] = useState("");
  const [status, setStatus] = useState("");
  const [error, setError] = useState<string>();
  const apply = () => {
    setError(undefined);
    if (!assignee && !priority && !status) {
      setError(t("bulk.nothing"));
      return;
    }
    bulk.mutate(
      {
        ids,
        ...(assignee ? { assigned_to: assignee === "none" ? null : assignee } : {}),
        ...(priority ? { priority: priority as Ticket["priority"] } : {}),
        ...(status ? { status: status as Ticket["status"] } : {}),
      },
      {
        onSuccess: (response) => {
          toast.show("success", t("bulk.done", { count: response.results.length }));
          setAssignee("");
          setPriority("");
          setStatus("");
          onDone();
        },
        onError: (e) => setError(t("bulk.failed", { message: errorMessage(e) })),
      },
    );
  };
  return (
    <section aria-label={t("bulk.label")} className="sticky top-14 z-20 mb-3 flex flex-col gap-2 rounded-lg border border-primary/30 bg-card p-3 shadow-sm" data-testid="bulk-bar">
      <div className="flex flex-wrap items-center gap-2">
        <p className="mr-2 text-sm font-semibold" aria-live="polite">
          {t("bulk.selected", { count: ids.length })}
        </p>
        <NativeSelect aria-label={t("bulk.assignTo")} value={assignee} onChange={(event) => setAssignee(event.target.value)} className="w-full sm:w-48">
          <option value="">{t("bulk.assignTo")}</option>
          <option value="none">{t("bulk.unassign")}</option>
          {staff.map((member) => (
            <option key={member.id} value={member.id}>
              {member.name}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect aria-label={t("bulk.priority")} value={priority} onChange={(event) => setPriority(event.target.value)} className="w-full min-[480px]:w-40">
          <option value="">{t("bulk.priority")}</option>
          {PRIORITIES.map((value) => (
            <option key={value} value={value}>
              {t(`priority.${value}`)}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect aria-label={t("bulk.status")} value={status} onChange={(event) => setStatus(event.target.value)} className="w-full min-[480px]:w-48">
          <option value="">{t("bulk.status")}</option>
          {TICKET_STATUSES.map((value) => (
            <option key={value} value={value}>
              {t(`status.${value}`)}
            </option>
          ))}
        </NativeSelect>
        <Button onClick={apply} disabled={bulk.isPending}>
          {t("bulk.apply")}
        </Button>
        <Button variant="ghost" onClick={onDone}>
          {t("bulk.clear")}
        </Button>
      </div>
      {error ? (
        <p role="alert" className="flex items-start gap-1.5 rounded-md border border-red-200 bg-red-50 p-2 text-sm text-red-900" data-testid="bulk-error">
          <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
          {error}
        </p>
      ) : null}
    </section>
  );
}

/** Client and project: the filters used less often, in a panel. */
function FiltersPanel({ state, onChange, clientName }: { state: InboxState; onChange: (change: Partial<InboxState>) => void; clientName?: string }) {
  const t = useTranslations("admin.support.filters");
  return (
    <div id="ticket-filters" className="mb-3 grid gap-3 rounded-lg border bg-card p-3 md:grid-cols-2">
      <div className="flex min-w-0 flex-col gap-1.5">
        <Label htmlFor="filter-client">{t("client")}</Label>
        <ClientPicker id="filter-client" value={state.client} selectedName={clientName} emptyLabel={t("anyClient")} onChange={(client) => onChange({ client, project: "" })} />
      </div>
      <div className="flex min-w-0 flex-col gap-1.5">
        <Label htmlFor="filter-project">{t("project")}</Label>
        <ProjectPicker
          id="filter-project"
          clientId={state.client}
          value={state.project}
          emptyLabel={t("anyProject")}
          noClientLabel={t("anyProject")}
          onChange={(project) => onChange({ project })}
        />
      </div>
    </div>
  );
}

/** The support inbox: every ticket, the nearest deadline first, filters and page in the address. */
export function SupportInbox() {
  const t = useTranslations("admin.support");
  const { state, change, go } = useInboxState();
  const me = useMe();
  const meId = me.data?.id;
  const staff = useStaffOptions();
  const now = useNow();
  const [filtersOpen, setFiltersOpen] = useState(Boolean(state.client || state.project));
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  // "Moi" waits for the signed-in person's id.
  const query = useInbox(inboxParams(state, meId), state.assignee !== "me" || Boolean(meId));
  const rows = query.data?.results ?? [];
  const count = query.data?.count ?? 0;
  const pages = pageCount(count);
  const chips = activeInboxChips(state);
  const clientName = rows.find((ticket) => ticket.client_id === state.client)?.client_name;
  const selectedIds = rows.filter((ticket) => selected.has(ticket.id)).map((ticket) => ticket.id);

  const chipLabel = (key: InboxChip): string => {
    switch (key) {
      case "q":
        return t("filters.chips.q", { value: state.q });
      case "status":
        return t("filters.chips.status", { value: state.status ? t(`status.${state.status}`) : "" });
      case "priority":
        return t("filters.chips.priority", { value: state.priority ? t(`priority.${state.priority}`) : "" });
      case "assignee": {
        const name = state.assignee === "me" ? t("filters.me") : state.assignee === "none" ? t("filters.none") : (staff.find((member) => member.id === state.assignee)?.name ?? t("filters.chips.unknown"));
        return t("filters.chips.assignee", { value: name });
      }
      case "client":
        return t("filters.chips.client", { value: clientName ?? t("filters.chips.unknown") });
      case "project":
        return t("filters.chips.project", { value: t("filters.chips.unknown") });
      case "breached":
        return t("filters.chips.breached");
      case "at_risk":
        return t("filters.chips.at_risk");
    }
  };

  const columns: Column<Ticket>[] = [
    { key: "number", header: t("columns.number"), sort: "number", firstSort: "desc", cell: (ticket) => <span className="text-muted-foreground tabular-nums">#{ticket.number}</span> },
    { key: "subject", header: t("columns.subject"), cell: (ticket) => <Subject ticket={ticket} />, className: "min-w-48" },
    { key: "client", header: t("columns.client"), cell: (ticket) => <ClientLink ticket={ticket} />, className: "max-w-40" },
    { key: "priority", header: t("columns.priority"), sort: "priority", firstSort: "desc", cell: (ticket) => <PriorityBadge priority={ticket.priority} /> },
    { key: "status", header: t("columns.status"), cell: (ticket) => <TicketStatusBadge status={ticket.status} /> },
    { key: "assignee", header: t("columns.assignee"), cell: (ticket) => <Assignee ticket={ticket} meId={meId} />, className: "max-w-40" },
    { key: "sla", header: t("columns.sla"), sort: "time_left", cell: (ticket) => <SlaTimer ticket={ticket} now={now} /> },
    { key: "updated", header: t("columns.updated"), sort: "updated_at", firstSort: "desc", cell: (ticket) => <Updated ticket={ticket} /> },
  ];

  const onlyChip = (key: InboxChip) => chips.length === 1 && chips[0] === key;
  const empty = onlyChip("assignee") && state.assignee === "me"
    ? { text: t("empty.mine"), action: <Button variant="outline" onClick={() => change({ assignee: "none" })}>{t("empty.showUnassigned")}</Button> }
    : onlyChip("breached")
      ? { text: t("empty.breached"), action: <Button variant="outline" onClick={() => change({ breached: false, at_risk: true })}>{t("empty.showAtRisk")}</Button> }
      : onlyChip("at_risk")
        ? { text: t("empty.atRisk") }
        : chips.length > 0
          ? { text: t("empty.filtered"), action: <Button variant="outline" onClick={() => go(withoutInboxFilters(state))}>{t("filters.clearAll")}</Button> }
          : { text: t("empty.all") };

  const panelCount = (state.client ? 1 : 0) + (state.project ? 1 : 0);

  return (
    <div>
      <PageHeader
        title={t("title")}
        description={query.data ? t("count", { count }) : undefined}
        actions={<SupportSettingsLink />}
      />
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <ListSearchBox value={state.q} onSearch={(q) => change({ q })} label={t("filters.search")} placeholder={t("filters.searchPlaceholder")} />
        <div className="flex flex-wrap items-center gap-2" role="group" aria-label={t("filters.quick")}>
          <Button variant={state.breached ? "default" : "outline"} aria-pressed={state.breached} onClick={() => change({ breached: !state.breached })}>
            {t("filters.breached")}
          </Button>
          <Button variant={state.at_risk ? "default" : "outline"} aria-pressed={state.at_risk} onClick={() => change({ at_risk: !state.at_risk })}>
            {t("filters.atRisk")}
          </Button>
        </div>
      </div>
      <div className="mb-3 grid grid-cols-1 gap-2 min-[480px]:grid-cols-2 lg:flex lg:flex-wrap lg:items-center">
        <NativeSelect aria-label={t("filters.status")} value={state.status} onChange={(event) => change({ status: event.target.value as InboxState["status"] })} className="lg:w-48">
          <option value="">{t("filters.anyStatus")}</option>
          {TICKET_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`status.${status}`)}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect aria-label={t("filters.priority")} value={state.priority} onChange={(event) => change({ priority: event.target.value as InboxState["priority"] })} className="lg:w-52">
          <option value="">{t("filters.anyPriority")}</option>
          {PRIORITIES.map((priority) => (
            <option key={priority} value={priority}>
              {t(`priority.${priority}`)}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect aria-label={t("filters.assignee")} value={state.assignee} onChange={(event) => change({ assignee: event.target.value })} className="lg:w-48">
          <option value="">{t("filters.anyAssignee")}</option>
          <option value="me">{t("filters.me")}</option>
          <option value="none">{t("filters.none")}</option>
          {staff.map((member) => (
            <option key={member.id} value={member.id}>
              {member.name}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect aria-label={t("filters.sort")} value={state.ordering} onChange={(event) => change({ ordering: event.target.value as InboxState["ordering"] })} className="lg:w-80">
          {TICKET_ORDERINGS.map((ordering) => (
            <option key={ordering} value={ordering}>
              {t(`orderings.${ordering}`)}
            </option>
          ))}
        </NativeSelect>
        <Button variant="outline" aria-expanded={filtersOpen} aria-controls="ticket-filters" onClick={() => setFiltersOpen((open) => !open)}>
          <SlidersHorizontal aria-hidden="true" />
          {t("filters.more")}
          {panelCount > 0 ? <Badge tone="primary">{panelCount}</Badge> : null}
        </Button>
      </div>
      {filtersOpen ? <FiltersPanel state={state} onChange={change} clientName={clientName} /> : null}
      <ActiveFilterChips
        chips={chips.map((key) => ({ key, label: chipLabel(key) }))}
        label={t("filters.active")}
        removeLabel={(label) => t("filters.remove", { label })}
        clearLabel={t("filters.clearAll")}
        onRemove={(key) => change(clearedInboxChip(key))}
        onClear={() => go(withoutInboxFilters(state))}
      />
      {selectedIds.length > 0 ? <BulkBar ids={selectedIds} onDone={() => setSelected(new Set())} /> : null}
      <ListShell query={query} items={rows} skeleton={<SkeletonRows count={6} row="h-12" />} empty={empty}>
        {(tickets) => (
          <div className={cn(query.isPlaceholderData && "opacity-60 transition-opacity")} aria-busy={query.isPlaceholderData}>
            <DataTable
              label={t("title")}
              testId="ticket-table"
              rows={tickets}
              rowKey={(ticket) => ticket.id}
              columns={columns}
              card={(ticket) => <TicketCard ticket={ticket} meId={meId} now={now} />}
              ordering={state.ordering}
              onSort={(ordering) => change({ ordering: ordering as InboxState["ordering"] })}
              selection={{
                selected,
                onToggle: (ticket, on) =>
                  setSelected((current) => {
                    const next = new Set(current);
                    if (on) next.add(ticket.id);
                    else next.delete(ticket.id);
                    return next;
                  }),
                onToggleAll: (on) => setSelected(on ? new Set(tickets.map((ticket) => ticket.id)) : new Set()),
                rowLabel: (ticket) => t("bulk.rowLabel", { number: ticket.number }),
                allLabel: t("bulk.all"),
              }}
            />
            <Pagination
              page={state.page}
              pages={pages}
              onPage={(page) => change({ page })}
              labels={{ previous: t("list.previous"), next: t("list.next"), nav: t("list.pagination"), position: t("list.pageOf", { page: state.page, pages }) }}
            />
          </div>
        )}
      </ListShell>
    </div>
  );
}
