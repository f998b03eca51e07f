"use client";

import Link from "next/link";
import { Lock, Star } from "lucide-react";
import { useTranslations } from "next-intl";
import { InvoiceStatusBadge, PriorityBadge, ProjectStatusBadge, TicketStatusBadge } from "@/components/badges";
import { useStaffOptions } from "@/components/admin/tasks/assignee";
import { ListShell, SkeletonRows } from "@/components/list-shell";
import { DetailSkeleton, RecordShell } from "@/components/record-shell";
import { BackLink } from "@/components/states";
import { AttachmentList } from "@/components/support/attachments";
import { useToast } from "@/components/toaster";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { PRIORITIES, TICKET_STATUSES, type Ticket, type TicketMessage } from "@/lib/api/types";
import { formatDate, formatDateTime, formatMoney, formatRelative } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { useErrorMessage } from "@/lib/use-error-message";
import { cn } from "@/lib/utils";
import { useTicket, useTicketMessages } from "@/queries/tickets";
import { SUPPORT_PATH } from "./list-state";
import { useClientInvoices, useProject, useSlaEvents, useUpdateTicket, type TicketChange } from "./queries";
import { ReplyBox } from "./reply-box";
import { CLOCK_TONE } from "./sla";
import { SlaTimer, useNow } from "./timer";

const INVOICES_PATH = "/admin/facturation/factures";
const KNOWN_EVENTS = new Set([
  "started",
  "paused",
  "resumed",
  "first_response_met",
  "resolved",
  "reopened",
  "priority_changed",
  "first_response_at_risk",
  "first_response_breached",
  "resolution_at_risk",
  "resolution_breached",
]);

/** Status, priority and assignee: each change saves at once. */
function Controls({ ticket }: { ticket: Ticket }) {
  const t = useTranslations("admin.support");
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const staff = useStaffOptions();
  const update = useUpdateTicket(ticket.id);
  const save = (change: TicketChange) =>
    update.mutate(change, {
      onSuccess: () => toast.show("success", t("detail.saved")),
      onError: (error) => toast.show("error", errorMessage(error)),
    });
  const knownAssignee = !ticket.assigned_to || staff.some((member) => member.id === ticket.assigned_to);
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("detail.controls")}</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-3 min-[480px]:grid-cols-3 lg:grid-cols-1">
        <div className="flex min-w-0 flex-col gap-1.5">
          <Label htmlFor="ticket-status">{t("detail.status")}</Label>
          <NativeSelect id="ticket-status" value={ticket.status} disabled={update.isPending} onChange={(event) => save({ status: event.target.value as Ticket["status"] })}>
            {TICKET_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`status.${status}`)}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="flex min-w-0 flex-col gap-1.5">
          <Label htmlFor="ticket-priority">{t("detail.priority")}</Label>
          <NativeSelect id="ticket-priority" value={ticket.priority} disabled={update.isPending} onChange={(event) => save({ priority: event.target.value as Ticket["priority"] })}>
            {PRIORITIES.map((priority) => (
              <option key={priority} value={priority}>
                {t(`priority.${priority}`)}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="flex min-w-0 flex-col gap-1.5">
          <Label htmlFor="ticket-assignee">{t("detail.assignee")}</Label>
          <NativeSelect id="ticket-assignee" value={ticket.assigned_to ?? ""} disabled={update.isPending} onChange={(event) => save({ assigned_to: event.target.value || null })}>
            <option value="">{t("assign.unassigned")}</option>
            {!knownAssignee ? <option value={ticket.assigned_to!}>{ticket.assignee_name ?? "—"}</option> : null}
            {staff.map((member) => (
              <option key={member.id} value={member.id}>
                {member.name}
              </option>
            ))}
          </NativeSelect>
        </div>
      </CardContent>
    </Card>
  );
}

function ClockRow({ name, clock }: { name: "first_response" | "resolution"; clock: Ticket["sla"]["first_response"] }) {
  const t = useTranslations("admin.support.sla");
  const tc = useTranslations("common");
  const locale = useAppLocale();
  return (
    <div className="flex flex-col gap-1 rounded-md border p-2.5" data-testid={`sla-${name}`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="text-sm font-medium">{t(name)}</span>
        <Badge tone={CLOCK_TONE[clock.state]}>{t(`state.${clock.state}`)}</Badge>
      </div>
      <p className="text-xs text-muted-foreground">
        {tc("labelled", { label: t("due") })}{" "}
        <time dateTime={clock.due} className="font-medium text-foreground tabular-nums" suppressHydrationWarning>
          {formatDateTime(clock.due, locale)}
        </time>
      </p>
    </div>
  );
}

function SlaHistory({ ticketId }: { ticketId: string }) {
  const t = useTranslations("admin.support.sla");
  const locale = useAppLocale();
  const events = useSlaEvents(ticketId);
  return (
    <div>
      <h3 className="mb-2 text-sm font-medium">{t("history")}</h3>
      <ListShell query={events} items={events.data ?? []} skeleton={<SkeletonRows count={3} row="h-6" />} empty={{ text: t("noHistory") }}>
        {(rows) => (
          <ol className="relative ml-1.5 flex flex-col gap-2 border-l pl-4 text-xs" data-testid="sla-history">
            {rows.map((event, index) => {
              const alert = event.kind.endsWith("_breached") || event.kind.endsWith("_at_risk");
              return (
                <li key={`${event.kind}-${event.at}-${index}`} className="relative">
                  <span
                    aria-hidden="true"
                    className={cn(
                      "absolute top-1 -left-[21px] size-2.5 rounded-full border-2 border-card",
                      event.kind.endsWith("_breached") ? "bg-red-600" : alert ? "bg-amber-500" : event.kind === "paused" ? "bg-muted-foreground" : "bg-primary",
                    )}
                  />
                  <span className={cn("block font-medium", event.kind.endsWith("_breached") && "text-red-800")}>
                    {KNOWN_EVENTS.has(event.kind) ? t(`events.${event.kind as "started"}`) : t("events.other", { kind: event.kind })}
                  </span>
                  <time dateTime={event.at} className="text-muted-foreground tabular-nums" suppressHydrationWarning>
                    {formatDateTime(event.at, locale)}
                  </time>
                </li>
              );
            })}
          </ol>
        )}
      </ListShell>
    </div>
  );
}

/** Both clocks, how they count, whether they stand still, and what happened to them. */
function SlaBlock({ ticket }: { ticket: Ticket }) {
  const t = useTranslations("admin.support.sla");
  const locale = useAppLocale();
  const now = useNow();
  const { sla } = ticket;
  return (
    <Card data-testid="sla-block">
      <CardHeader className="items-center">
        <CardTitle>{t("title")}</CardTitle>
        <SlaTimer ticket={ticket} now={now} />
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        <div className="grid gap-2 min-[480px]:grid-cols-2 lg:grid-cols-1">
          <ClockRow name="first_response" clock={sla.first_response} />
          <ClockRow name="resolution" clock={sla.resolution} />
        </div>
        <ul className="flex flex-col gap-0.5 text-xs text-muted-foreground">
          <li>{t(`counting.${sla.counting}`)}</li>
          {sla.pause_while_waiting ? <li>{t("pauseWhileWaiting")}</li> : null}
          {sla.paused_since ? (
            <li className="font-medium text-foreground" suppressHydrationWarning>
              {t("pausedSince", { date: formatDateTime(sla.paused_since, locale) })}
            </li>
          ) : null}
        </ul>
        <SlaHistory ticketId={ticket.id} />
      </CardContent>
    </Card>
  );
}

function Message({ message }: { message: TicketMessage }) {
  const t = useTranslations("admin.support.thread");
  const locale = useAppLocale();
  return (
    <li
      className={cn(
        "rounded-lg border p-3 text-sm",
        message.internal
          ? "border-amber-300 border-l-4 border-l-amber-500 bg-amber-50"
          : message.author_is_staff
            ? "bg-card sm:mr-8"
            : "border-primary/30 bg-secondary sm:ml-8",
      )}
      data-testid="thread-message"
      data-internal={message.internal ? "true" : "false"}
    >
      {message.internal ? (
        <p className="mb-1.5 inline-flex items-center gap-1 rounded bg-amber-200/70 px-1.5 py-0.5 text-xs font-semibold text-amber-950">
          <Lock className="size-3.5" aria-hidden="true" />
          {t("internal")}
        </p>
      ) : null}
      <div className="mb-1 flex flex-wrap items-baseline justify-between gap-x-3 gap-y-0.5">
        <span className="font-medium">
          {message.author_name}
          <span className="font-normal text-muted-foreground"> · {message.author_is_staff ? t("staff") : t("client")}</span>
        </span>
        <time dateTime={message.created_at} title={formatDateTime(message.created_at, locale)} className="text-xs text-muted-foreground" suppressHydrationWarning>
          {formatRelative(message.created_at, locale)}
        </time>
      </div>
      <p className="break-words whitespace-pre-wrap">{message.body}</p>
      <AttachmentList attachments={message.attachments ?? []} />
    </li>
  );
}

function Thread({ ticket }: { ticket: Ticket }) {
  const t = useTranslations("admin.support.thread");
  const messages = useTicketMessages(ticket.id);
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <ListShell query={messages} items={messages.data?.results ?? []} skeleton={<SkeletonRows count={2} row="h-20" />} empty={{ text: t("empty") }}>
          {(rows) => (
            <ol className="flex flex-col gap-3" data-testid="ticket-thread">
              {rows.map((message) => (
                <Message key={message.id} message={message} />
              ))}
            </ol>
          )}
        </ListShell>
        <ReplyBox ticket={ticket} />
      </CardContent>
    </Card>
  );
}

function Invoices({ ticket }: { ticket: Ticket }) {
  const t = useTranslations("admin.support.detail");
  const locale = useAppLocale();
  const invoices = useClientInvoices(ticket.client_id);
  return (
    <Card>
      <CardHeader className="items-center">
        <CardTitle>{t("invoices")}</CardTitle>
        <Link href={`${INVOICES_PATH}?client=${ticket.client_id}`} className="text-sm font-medium text-primary hover:underline">
          {t("allInvoices")}
        </Link>
      </CardHeader>
      <CardContent>
        <ListShell query={invoices} items={invoices.data?.results ?? []} skeleton={<SkeletonRows count={3} row="h-8" />} empty={{ text: t("noInvoices") }}>
          {(rows) => (
            <ul className="divide-y text-sm">
              {rows.map((invoice) => (
                <li key={invoice.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <span className="flex flex-col">
                    <Link href={`${INVOICES_PATH}/${invoice.id}`} className="font-medium text-primary tabular-nums hover:underline">
                      {invoice.number ?? t("draftInvoice")}
                    </Link>
                    {invoice.issue_date ? <span className="text-xs text-muted-foreground">{formatDate(invoice.issue_date, locale)}</span> : null}
                  </span>
                  <span className="flex flex-col items-end gap-1">
                    <span className="tabular-nums">{formatMoney(invoice.total_ttc, invoice.currency, locale)}</span>
                    <InvoiceStatusBadge status={invoice.status} overdue={invoice.is_overdue} />
                  </span>
                </li>
              ))}
            </ul>
          )}
        </ListShell>
      </CardContent>
    </Card>
  );
}

function ProjectCard({ ticket }: { ticket: Ticket }) {
  const t = useTranslations("admin.support.detail");
  const project = useProject(ticket.project_id);
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("projectCard")}</CardTitle>
      </CardHeader>
      <CardContent className="text-sm">
        {!ticket.project_id ? (
          <p className="text-muted-foreground">{t("noProjectText")}</p>
        ) : project.data ? (
          <div className="flex flex-wrap items-center justify-between gap-2">
            <Link href={`/admin/projets/${project.data.id}`} className="font-medium break-words text-primary hover:underline">
              {project.data.name}
            </Link>
            <ProjectStatusBadge status={project.data.status} />
          </div>
        ) : (
          <SkeletonRows count={1} row="h-6" />
        )}
      </CardContent>
    </Card>
  );
}

function Header({ ticket }: { ticket: Ticket }) {
  const t = useTranslations("admin.support.detail");
  const tc = useTranslations("common");
  const locale = useAppLocale();
  const project = useProject(ticket.project_id);
  return (
    <div>
      <p className="text-sm text-muted-foreground tabular-nums">{t("number", { number: ticket.number })}</p>
      <h1 className="text-2xl font-semibold tracking-tight break-words">{ticket.subject}</h1>
      <div className="mt-2 flex flex-wrap items-center gap-2 text-sm">
        <TicketStatusBadge status={ticket.status} />
        <PriorityBadge priority={ticket.priority} />
        {ticket.rating ? (
          <Badge tone="neutral">
            <Star className="size-3.5" aria-hidden="true" />
            <span className="sr-only">{tc("labelled", { label: t("rating") })} </span>
            {t("ratingScore", { score: ticket.rating.score })}
          </Badge>
        ) : null}
      </div>
      <div className="mt-2 flex flex-wrap gap-x-6 gap-y-1 text-sm">
      <dl className="contents">
        <div className="flex gap-1.5">
          <dt className="text-muted-foreground">{tc("labelled", { label: t("client") })}</dt>
          <dd>
            <Link href={`/admin/clients/${ticket.client_id}`} className="font-medium text-primary hover:underline">
              {ticket.client_name}
            </Link>
          </dd>
        </div>
        <div className="flex gap-1.5">
          <dt className="text-muted-foreground">{tc("labelled", { label: t("project") })}</dt>
          <dd>
            {ticket.project_id ? (
              <Link href={`/admin/projets/${ticket.project_id}`} className="font-medium text-primary hover:underline">
                {project.data?.name ?? "…"}
              </Link>
            ) : (
              <span className="text-muted-foreground">{t("noProject")}</span>
            )}
          </dd>
        </div>
      </dl>
        <p className="text-muted-foreground" suppressHydrationWarning>
          {t("openedOn", { date: formatDateTime(ticket.created_at, locale) })}
        </p>
      </div>
      {ticket.rating?.comment ? <p className="mt-2 max-w-prose rounded-md bg-muted p-2 text-sm italic">{tc("quoted", { text: ticket.rating.comment })}</p> : null}
    </div>
  );
}

function Desk({ ticket }: { ticket: Ticket }) {
  return (
    <>
      <Header ticket={ticket} />
      <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="flex min-w-0 flex-col gap-4 lg:order-2">
          <Controls ticket={ticket} />
          <SlaBlock ticket={ticket} />
        </div>
        <div className="flex min-w-0 flex-col gap-4 lg:order-1">
          <Thread ticket={ticket} />
          <div className="grid gap-4 md:grid-cols-2">
            <Invoices ticket={ticket} />
            <ProjectCard ticket={ticket} />
          </div>
        </div>
      </div>
    </>
  );
}

export function TicketDesk({ id }: { id: string }) {
  const t = useTranslations("admin.support.detail");
  const ticket = useTicket(id);
  return (
    <div className="flex flex-col gap-4">
      <BackLink href={SUPPORT_PATH} label={t("back")} />
      <RecordShell query={ticket} skeleton={<DetailSkeleton blocks={["h-24", "h-64"]} />}>
        {(data) => <Desk ticket={data} />}
      </RecordShell>
    </div>
  );
}
