"use client";

import Link from "next/link";
import { ArrowRight, CalendarDays, CircleAlert, Plus, Wallet } from "lucide-react";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import {
  InvoiceStatusBadge,
  MilestoneStatusBadge,
  PriorityBadge,
  TaskStatusBadge,
  TicketStatusBadge,
} from "@/components/badges";
import { isLate } from "@/components/billing/due-status";
import { useClientScope } from "@/components/client-scope";
import { EmptyState, ErrorState } from "@/components/states";
import { LazyTaskSheet } from "@/components/tasks/lazy-task-sheet";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Progress } from "@/components/ui/progress";
import { Skeleton } from "@/components/ui/skeleton";
import type { Task } from "@/lib/api/types";
import { overdueDays } from "@/lib/billing";
import { formatDate, formatMoney } from "@/lib/format";
import { payInvoiceUrl } from "@/lib/payments";
import { useAppLocale } from "@/lib/use-app-locale";
import { cn } from "@/lib/utils";
import { useInvoiceSummary } from "@/queries/invoices";
import { useMe } from "@/queries/me";
import { useMilestones } from "@/queries/milestones";
import { useProjects } from "@/queries/projects";
import { useTasks } from "@/queries/tasks";
import { useTickets } from "@/queries/tickets";
import { SlaLine } from "./support/sla";

function ListSkeleton({ rows = 3 }: { rows?: number }) {
  return (
    <div className="flex flex-col gap-2" aria-hidden="true">
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} className="h-12" />
      ))}
    </div>
  );
}

function WaitingOnYou({ onOpen }: { onOpen: (task: Task) => void }) {
  const t = useTranslations("dashboard");
  const locale = useAppLocale();
  const me = useMe();
  const { clientId } = useClientScope();
  const tasks = useTasks({ client: clientId, assigned_to: me.data?.id }, Boolean(me.data));
  const waiting = useMemo(
    () =>
      (tasks.data?.results ?? [])
        .filter((task) => task.status !== "done")
        .sort((a, b) => (a.due_date ?? "9999").localeCompare(b.due_date ?? "9999")),
    [tasks.data],
  );

  return (
    <Card aria-labelledby="waiting-title" className="border-primary/30">
      <CardHeader>
        <div>
          <CardTitle id="waiting-title">{t("waiting")}</CardTitle>
          {tasks.data ? <CardDescription>{t("waitingCount", { count: waiting.length })}</CardDescription> : null}
        </div>
      </CardHeader>
      <CardContent>
        {me.isError ? (
          <ErrorState error={me.error} onRetry={() => me.refetch()} />
        ) : tasks.isPending ? (
          <ListSkeleton />
        ) : tasks.isError ? (
          <ErrorState error={tasks.error} onRetry={() => tasks.refetch()} />
        ) : waiting.length === 0 ? (
          <EmptyState text={t("waitingEmpty")} />
        ) : (
          <ul className="flex flex-col gap-2" data-testid="waiting-tasks">
            {waiting.map((task) => (
              <li key={task.id}>
                <button
                  type="button"
                  onClick={() => onOpen(task)}
                  className="flex min-h-14 w-full flex-col gap-1 rounded-md border bg-background px-3 py-2 text-left hover:bg-accent"
                >
                  <span className="font-medium break-words">{task.title}</span>
                  <span className="flex flex-wrap items-center gap-1.5 text-xs text-muted-foreground">
                    <span>{task.project_name}</span>
                    <TaskStatusBadge status={task.status} />
                    {task.priority === "high" || task.priority === "urgent" ? <PriorityBadge priority={task.priority} /> : null}
                    {task.due_date ? (
                      <span className="inline-flex items-center gap-1">
                        <CalendarDays className="size-3.5" aria-hidden="true" />
                        {formatDate(task.due_date, locale)}
                      </span>
                    ) : null}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

function ToPay() {
  const t = useTranslations("dashboard");
  const ti = useTranslations("invoices");
  const locale = useAppLocale();
  const { clientId } = useClientScope();
  const summary = useInvoiceSummary(clientId);
  const data = summary.data;
  const count = data?.outstanding.reduce((sum, line) => sum + line.count, 0) ?? 0;
  const next = data?.next_due ?? null;

  return (
    <Card aria-labelledby="to-pay-title" data-slot="to-pay">
      <CardHeader>
        <CardTitle id="to-pay-title" className="flex items-center gap-2">
          <Wallet className="size-5 text-primary" aria-hidden="true" />
          {t("toPay")}
        </CardTitle>
        <Link href="/factures" className="-my-2 inline-flex min-h-11 items-center gap-1 text-sm font-medium text-primary">
          {t("seeInvoices")}
          <ArrowRight className="size-4" aria-hidden="true" />
        </Link>
      </CardHeader>
      <CardContent>
        {summary.isPending ? (
          <ListSkeleton rows={2} />
        ) : summary.isError ? (
          <ErrorState error={summary.error} onRetry={() => summary.refetch()} />
        ) : !data || data.outstanding.length === 0 ? (
          <EmptyState text={t("toPayEmpty")} />
        ) : (
          <div className="flex flex-col gap-3" data-testid="to-pay">
            <div>
              <p className="text-xs text-muted-foreground">{t("toPayTotal")}</p>
              {data.outstanding.map((line) => (
                <p key={line.currency} className="text-2xl font-semibold tracking-tight tabular-nums">
                  {formatMoney(line.amount, line.currency, locale)}
                </p>
              ))}
              <p className="text-sm text-muted-foreground">{t("toPayCount", { count })}</p>
            </div>
            {data.overdue.map((line) =>
              line.count > 0 ? (
                <Link
                  key={line.currency}
                  href="/factures?statut=overdue"
                  className="flex min-h-11 items-center gap-2 rounded-md border border-red-200 bg-red-50 px-3 text-sm font-medium text-red-800 hover:underline"
                >
                  <CircleAlert className="size-4 shrink-0" aria-hidden="true" />
                  {t("toPayOverdue", { count: line.count, amount: formatMoney(line.amount, line.currency, locale) })}
                </Link>
              ) : null,
            )}
            {next ? (
              // Straight to payment: the invoice opens with its pay dialog (`?payer=1`).
              <Link
                href={payInvoiceUrl(next.id)}
                className="flex flex-col gap-1 rounded-md border bg-background p-3 hover:bg-accent"
                data-testid="next-due"
              >
                <span className="text-xs text-muted-foreground">{t("nextDue")}</span>
                <span className="flex items-start justify-between gap-2">
                  <span className="font-medium tabular-nums">{next.number}</span>
                  <InvoiceStatusBadge status={next.status} overdue={next.is_overdue} />
                </span>
                {next.title ? <span className="text-sm break-words">{next.title}</span> : null}
                <span className="text-sm tabular-nums">
                  {next.due_date
                    ? t("nextDueLine", {
                        amount: formatMoney(next.balance_due, next.currency, locale),
                        date: formatDate(next.due_date, locale),
                      })
                    : formatMoney(next.balance_due, next.currency, locale)}
                </span>
                {isLate(next) ? (
                  <span className="text-sm font-semibold text-destructive">{ti("overdueDays", { days: overdueDays(next.due_date) })}</span>
                ) : null}
                <span className={cn(buttonVariants({ size: "sm" }), "mt-1 self-start px-5")}>
                  <Wallet aria-hidden="true" />
                  {t("pay")}
                </span>
              </Link>
            ) : null}
          </div>
        )}
      </CardContent>
    </Card>
  );
}

function ActiveProjects() {
  const t = useTranslations("dashboard");
  const tc = useTranslations("common");
  const locale = useAppLocale();
  const { clientId } = useClientScope();
  const projects = useProjects({ client: clientId, status: "active" });
  const list = projects.data?.results ?? [];

  return (
    <Card aria-labelledby="projects-title">
      <CardHeader>
        <CardTitle id="projects-title">{t("activeProjects")}</CardTitle>
        <Link href="/projets" className="-my-2 inline-flex min-h-11 items-center gap-1 text-sm font-medium text-primary">
          {tc("seeAll")}
          <ArrowRight className="size-4" aria-hidden="true" />
        </Link>
      </CardHeader>
      <CardContent>
        {projects.isPending ? (
          <ListSkeleton rows={2} />
        ) : projects.isError ? (
          <ErrorState error={projects.error} onRetry={() => projects.refetch()} />
        ) : list.length === 0 ? (
          <EmptyState
            text={t("activeProjectsEmpty")}
            action={
              <Button asChild variant="outline">
                <Link href="/support/nouveau">{t("newTicket")}</Link>
              </Button>
            }
          />
        ) : (
          <ul className="flex flex-col gap-3" data-testid="active-projects">
            {list.map((project) => (
              <li key={project.id}>
                <Link
                  href={`/projets/${project.id}`}
                  className="flex flex-col gap-2 rounded-md border bg-background p-3 hover:bg-accent"
                >
                  <span className="flex items-start justify-between gap-2">
                    <span className="font-medium break-words">{project.name}</span>
                    <span className="text-sm font-semibold tabular-nums">{project.progress} %</span>
                  </span>
                  <Progress value={project.progress} label={t("progress", { name: project.name })} />
                  <span className="flex flex-wrap justify-between gap-2 text-xs text-muted-foreground">
                    <span>{t("tasksDone", { done: project.tasks_done, total: project.task_count })}</span>
                    {project.due_date ? <span>{tc("dueOn", { date: formatDate(project.due_date, locale) })}</span> : null}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

function NextMilestones() {
  const t = useTranslations("dashboard");
  const tc = useTranslations("common");
  const locale = useAppLocale();
  const { clientId } = useClientScope();
  const milestones = useMilestones({ client: clientId });
  const next = useMemo(
    () => (milestones.data?.results ?? []).filter((m) => m.status !== "done").slice(0, 5),
    [milestones.data],
  );

  return (
    <Card aria-labelledby="milestones-title">
      <CardHeader>
        <CardTitle id="milestones-title">{t("nextMilestones")}</CardTitle>
      </CardHeader>
      <CardContent>
        {milestones.isPending ? (
          <ListSkeleton />
        ) : milestones.isError ? (
          <ErrorState error={milestones.error} onRetry={() => milestones.refetch()} />
        ) : next.length === 0 ? (
          <EmptyState text={t("milestonesEmpty")} />
        ) : (
          <ul className="flex flex-col divide-y">
            {next.map((milestone) => (
              <li key={milestone.id}>
                <Link
                  href={`/projets/${milestone.project_id}`}
                  className="flex min-h-12 flex-wrap items-center justify-between gap-2 py-2 hover:underline"
                >
                  <span className="min-w-0 flex-1 text-sm font-medium break-words">{milestone.title}</span>
                  <span className="flex items-center gap-2 text-xs text-muted-foreground">
                    {milestone.due_date ? formatDate(milestone.due_date, locale) : tc("noDueDate")}
                    <MilestoneStatusBadge status={milestone.status} />
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

function OpenTickets() {
  const t = useTranslations("dashboard");
  const tc = useTranslations("common");
  const ts = useTranslations("support");
  const { clientId } = useClientScope();
  const tickets = useTickets({ client: clientId });
  const open = useMemo(
    () => (tickets.data?.results ?? []).filter((ticket) => ticket.status === "open" || ticket.status === "pending"),
    [tickets.data],
  );

  return (
    <Card aria-labelledby="tickets-title">
      <CardHeader>
        <CardTitle id="tickets-title">{t("openTickets")}</CardTitle>
        <Link href="/support" className="-my-2 inline-flex min-h-11 items-center gap-1 text-sm font-medium text-primary">
          {tc("seeAll")}
          <ArrowRight className="size-4" aria-hidden="true" />
        </Link>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {tickets.isPending ? (
          <ListSkeleton rows={2} />
        ) : tickets.isError ? (
          <ErrorState error={tickets.error} onRetry={() => tickets.refetch()} />
        ) : open.length === 0 ? (
          <EmptyState text={t("ticketsEmpty")} />
        ) : (
          <ul className="flex flex-col divide-y">
            {open.slice(0, 5).map((ticket) => (
              <li key={ticket.id}>
                <Link href={`/support/${ticket.id}`} className="flex flex-col gap-1 py-2 hover:underline">
                  <span className="flex items-start justify-between gap-2">
                    <span className="text-sm font-medium break-words">{ticket.subject}</span>
                    <TicketStatusBadge status={ticket.status} />
                  </span>
                  <span className="text-xs text-muted-foreground">
                    {ts("number", { number: ticket.number })} · <SlaLine ticket={ticket} />
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
        <Button asChild variant="outline" className="self-start">
          <Link href="/support/nouveau">
            <Plus aria-hidden="true" />
            {t("newTicket")}
          </Link>
        </Button>
      </CardContent>
    </Card>
  );
}

export function DashboardClient() {
  const t = useTranslations("dashboard");
  const me = useMe();
  const [openTask, setOpenTask] = useState<Task | null>(null);
  const firstName = me.data?.name.split(" ")[0];

  return (
    <div className="flex flex-col gap-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">
          {firstName ? t("hello", { name: firstName }) : <Skeleton className="h-8 w-48" />}
        </h1>
        <p className="mt-1 text-sm text-muted-foreground">{t("intro")}</p>
      </div>
      {/* Phone order answers the client's questions in turn: what do you need from me, where is
          my project, what do I owe, how do I reach you. */}
      <div className="grid items-start gap-4 lg:grid-cols-2">
        <div className="lg:col-start-1 lg:row-span-2 lg:row-start-1">
          <WaitingOnYou onOpen={setOpenTask} />
        </div>
        <div className="lg:col-start-2 lg:row-start-1">
          <ActiveProjects />
        </div>
        <div className="lg:col-start-2 lg:row-start-2">
          <ToPay />
        </div>
        <div className="lg:col-start-1 lg:row-start-3">
          <OpenTickets />
        </div>
        <div className="lg:col-start-2 lg:row-start-3">
          <NextMilestones />
        </div>
      </div>
      <LazyTaskSheet task={openTask} onClose={() => setOpenTask(null)} />
    </div>
  );
}
