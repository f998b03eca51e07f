"use client";

import Link from "next/link";
import { CircleAlert, Plus, Wallet } from "lucide-react";
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
import { DashboardCard } from "@/components/dashboard-card";
import { SkeletonRows } from "@/components/list-shell";
import { LazyTaskSheet } from "@/components/tasks/lazy-task-sheet";
import { TaskDueDate } from "@/components/tasks/task-due-date";
import { Button, buttonVariants } from "@/components/ui/button";
import { Progress } from "@/components/ui/progress";
import { Skeleton } from "@/components/ui/skeleton";
import type { AmountByCurrency, Invoice, Task } from "@/lib/api/types";
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

function WaitingOnYou({ onOpen }: { onOpen: (task: Task) => void }) {
  const t = useTranslations("dashboard");
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
    <DashboardCard
      titleId="waiting-title"
      title={t("waiting")}
      description={tasks.data ? t("waitingCount", { count: waiting.length }) : undefined}
      className="border-primary/30"
      // Without the user, the task query never starts: its error is the card's.
      query={me.isError ? me : tasks}
      items={waiting}
      skeleton={<SkeletonRows row="h-12" />}
      empty={{ text: t("waitingEmpty") }}
    >
      {(list) => (
        <ul className="flex flex-col gap-2" data-testid="waiting-tasks">
          {list.map((task) => (
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
                  {task.due_date ? <TaskDueDate date={task.due_date} /> : null}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </DashboardCard>
  );
}

/** What is owed, per currency; the overdue part; the next invoice to pay, one tap from its pay dialog. */
function ToPaySummary({
  outstanding,
  overdue,
  next,
}: {
  outstanding: AmountByCurrency[];
  overdue: AmountByCurrency[];
  next: Invoice | null;
}) {
  const t = useTranslations("dashboard");
  const ti = useTranslations("invoices");
  const locale = useAppLocale();
  const count = outstanding.reduce((sum, line) => sum + line.count, 0);
  return (
    <div className="flex flex-col gap-3" data-testid="to-pay">
      <div>
        <p className="text-xs text-muted-foreground">{t("toPayTotal")}</p>
        {outstanding.map((line) => (
          <p key={line.currency} className="text-2xl font-semibold tracking-tight tabular-nums">
            {formatMoney(line.amount, line.currency, locale)}
          </p>
        ))}
        <p className="text-sm text-muted-foreground">{t("toPayCount", { count })}</p>
      </div>
      {overdue.map((line) =>
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
  );
}

function ToPay() {
  const t = useTranslations("dashboard");
  const { clientId } = useClientScope();
  const summary = useInvoiceSummary(clientId);

  return (
    <DashboardCard
      titleId="to-pay-title"
      title={t("toPay")}
      icon={Wallet}
      action={{ href: "/factures", label: t("seeInvoices") }}
      data-slot="to-pay"
      query={summary}
      items={summary.data?.outstanding ?? []}
      skeleton={<SkeletonRows count={2} row="h-12" />}
      empty={{ text: t("toPayEmpty") }}
    >
      {(outstanding) => (
        <ToPaySummary outstanding={outstanding} overdue={summary.data?.overdue ?? []} next={summary.data?.next_due ?? null} />
      )}
    </DashboardCard>
  );
}

function ActiveProjects() {
  const t = useTranslations("dashboard");
  const tc = useTranslations("common");
  const locale = useAppLocale();
  const { clientId } = useClientScope();
  const projects = useProjects({ client: clientId, status: "active" });

  return (
    <DashboardCard
      titleId="projects-title"
      title={t("activeProjects")}
      action={{ href: "/projets", label: tc("seeAll") }}
      query={projects}
      items={projects.data?.results ?? []}
      skeleton={<SkeletonRows count={2} row="h-12" />}
      empty={{
        text: t("activeProjectsEmpty"),
        action: (
          <Button asChild variant="outline">
            <Link href="/support/nouveau">{t("newTicket")}</Link>
          </Button>
        ),
      }}
    >
      {(list) => (
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
    </DashboardCard>
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
    <DashboardCard
      titleId="milestones-title"
      title={t("nextMilestones")}
      query={milestones}
      items={next}
      skeleton={<SkeletonRows row="h-12" />}
      empty={{ text: t("milestonesEmpty") }}
    >
      {(list) => (
        <ul className="flex flex-col divide-y">
          {list.map((milestone) => (
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
    </DashboardCard>
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
    <DashboardCard
      titleId="tickets-title"
      title={t("openTickets")}
      action={{ href: "/support", label: tc("seeAll") }}
      query={tickets}
      items={open}
      skeleton={<SkeletonRows count={2} row="h-12" />}
      empty={{ text: t("ticketsEmpty") }}
      footer={
        <Button asChild variant="outline" className="self-start">
          <Link href="/support/nouveau">
            <Plus aria-hidden="true" />
            {t("newTicket")}
          </Link>
        </Button>
      }
    >
      {(list) => (
        <ul className="flex flex-col divide-y">
          {list.slice(0, 5).map((ticket) => (
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
    </DashboardCard>
  );
}

/** `approvals`: « Jalons à valider », drawn on the server (page.tsx), first when there is one. */
export function DashboardClient({ approvals }: { approvals?: React.ReactNode }) {
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
      {approvals}
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
