"use client";

import dynamic from "next/dynamic";
import Link from "next/link";
import {
  CheckCircle2,
  Circle,
  CircleAlert,
  CircleDot,
  Download,
  FileText,
  Hourglass,
  MessageSquareWarning,
  PenLine,
  Receipt,
} from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { MilestoneStatusBadge, TaskStatusBadge } from "@/components/badges";
import { DashboardCard } from "@/components/dashboard-card";
import { SkeletonRows } from "@/components/list-shell";
import { useToast } from "@/components/toaster";
import { Button } from "@/components/ui/button";
import type { Milestone, Task } from "@/lib/api/types";
import { formatDate, formatMoney } from "@/lib/format";
import { inProjectOrder, milestoneAnchor, milestoneBilling, milestoneIdFromHash, milestoneTasks } from "@/lib/milestones";
import { canDecideMilestone } from "@/lib/permissions";
import { useAppLocale } from "@/lib/use-app-locale";
import { useErrorMessage } from "@/lib/use-error-message";
import { cn } from "@/lib/utils";
import { documentDownload, useDocuments } from "@/queries/documents";
import { useMe } from "@/queries/me";
import { useMilestones } from "@/queries/milestones";
import type { MilestoneDecision } from "./milestone-dialogs";

// The dialogs (a form with its validation) load when someone who may answer sees a milestone to approve.
const loadDialogs = () => import("./milestone-dialogs").then((m) => m.MilestoneDialogs);
const MilestoneDialogs = dynamic(loadDialogs, { ssr: false });

const MILESTONE_ICON = {
  planned: Circle,
  in_progress: CircleDot,
  awaiting_approval: Hourglass,
  done: CheckCircle2,
  late: CircleAlert,
} as const;
const MILESTONE_COLOR = {
  planned: "text-muted-foreground",
  in_progress: "text-indigo-700",
  awaiting_approval: "text-amber-700",
  done: "text-success",
  late: "text-destructive",
} as const;
/** How many of the project's latest documents the milestone shows (the rest are further down). */
const DOCUMENTS_SHOWN = 3;

const subscribeToHash = (listener: () => void) => {
  window.addEventListener("hashchange", listener);
  return () => window.removeEventListener("hashchange", listener);
};

/**
 * The milestone `#jalon-<id>` points at (notifications link there): once the list is on the
 * page, it scrolls into view and takes the focus, and stays highlighted while the address names it.
 */
function useTargetMilestone(ready: boolean) {
  const hash = useSyncExternalStore(subscribeToHash, () => window.location.hash, () => "");
  const target = milestoneIdFromHash(hash);
  useEffect(() => {
    if (!ready || !target) return;
    const element = document.getElementById(milestoneAnchor(target));
    if (!element) return;
    const smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    element.scrollIntoView({ block: "start", behavior: smooth ? "smooth" : "auto" });
    element.focus({ preventScroll: true });
  }, [ready, target]);
  return target;
}

function DeliveredTasks({ tasks, onOpenTask }: { tasks: Task[]; onOpenTask: (task: Task) => void }) {
  const t = useTranslations("approval");
  if (tasks.length === 0) return <p className="text-sm text-muted-foreground">{t("noTasks")}</p>;
  return (
    <ul className="flex flex-col divide-y rounded-md border bg-card" data-testid="milestone-tasks">
      {tasks.map((task) => (
        <li key={task.id}>
          <button
            type="button"
            onClick={() => onOpenTask(task)}
            className="flex min-h-11 w-full items-center justify-between gap-2 px-3 py-2 text-left text-sm hover:bg-accent"
          >
            <span className="min-w-0 break-words">{task.title}</span>
            <TaskStatusBadge status={task.status} />
          </button>
        </li>
      ))}
    </ul>
  );
}

/** The project's latest documents, each one tap from its download; the full list is further down. */
function ProjectDocuments({ projectId }: { projectId: string }) {
  const t = useTranslations("approval");
  const toast = useToast();
  const errorMessage = useErrorMessage();
  // The same query as the documents section of the page: no second request.
  const documents = useDocuments({ project: projectId });
  const first = documents.data?.pages[0];
  if (!first || first.results.length === 0) return null;

  const download = async (id: string) => {
    try {
      const { url } = await documentDownload(id);
      window.location.assign(url);
    } catch (error) {
      toast.show("error", errorMessage(error));
    }
  };

  return (
    <div className="flex flex-col gap-2">
      <h4 className="text-sm font-semibold">{t("documents")}</h4>
      <ul className="flex flex-col divide-y rounded-md border bg-card" data-testid="milestone-documents">
        {first.results.slice(0, DOCUMENTS_SHOWN).map((document) => (
          <li key={document.id}>
            <button
              type="button"
              onClick={() => void download(document.id)}
              aria-label={t("download", { name: document.filename })}
              className="flex min-h-11 w-full items-center gap-2 px-3 py-2 text-left text-sm hover:bg-accent"
            >
              <FileText className="size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
              <span className="min-w-0 flex-1 break-all">{document.filename}</span>
              <Download className="size-4 shrink-0 text-primary" aria-hidden="true" />
            </button>
          </li>
        ))}
      </ul>
      <a href="#documents-title" className="inline-flex min-h-11 items-center self-start text-sm font-medium text-primary hover:underline">
        {t("allDocuments")} ({first.count})
      </a>
    </div>
  );
}

/** What approving bills, as the client will see it on the invoice (before tax). */
function BillingLine({ milestone }: { milestone: Milestone }) {
  const t = useTranslations("approval");
  const locale = useAppLocale();
  const billing = milestoneBilling(milestone);
  if (billing.kind === "none") return <p className="text-sm text-muted-foreground">{t("notBilled")}</p>;
  return (
    <div className="flex flex-col rounded-md border bg-card px-3 py-2 sm:min-w-64 sm:self-start" data-testid="milestone-amount">
      <span className="text-xs text-muted-foreground">{t("billedOnApproval")}</span>
      <span className="text-lg font-semibold tabular-nums">
        {billing.kind === "amount"
          ? t("amountHt", { amount: formatMoney(billing.amount, "XOF", locale) })
          : t("percentHt", { percent: billing.percent })}
      </span>
    </div>
  );
}

/** A milestone NOURX submitted: what was delivered, what approving bills, and the two answers. */
function AwaitingApproval({
  milestone,
  tasks,
  canDecide,
  onOpenTask,
  onDecide,
}: {
  milestone: Milestone;
  tasks: Task[];
  canDecide: boolean;
  onOpenTask: (task: Task) => void;
  onDecide: (decision: MilestoneDecision) => void;
}) {
  const t = useTranslations("approval");
  const locale = useAppLocale();
  const headingId = `${milestoneAnchor(milestone.id)}-delivered`;
  // The dialogs' code, ahead of the tap.
  useEffect(() => {
    if (canDecide) void loadDialogs();
  }, [canDecide]);

  return (
    // On phones the panel takes the card's whole width (out of the timeline's indent): the answers fit.
    <div
      className="relative mt-1 -ml-9 flex flex-col gap-3 rounded-lg border border-amber-300 bg-amber-50 p-3 sm:ml-0"
      data-testid="milestone-approval"
    >
      <p className="text-sm font-medium text-warning">
        {milestone.submitted_at ? t("waitingSince", { date: formatDate(milestone.submitted_at, locale) }) : t("waiting")}
      </p>
      {milestone.description ? <p className="text-sm whitespace-pre-wrap break-words">{milestone.description}</p> : null}
      <div className="flex flex-col gap-2">
        <h4 id={headingId} className="text-sm font-semibold">
          {t("delivered")}
        </h4>
        <DeliveredTasks tasks={tasks} onOpenTask={onOpenTask} />
      </div>
      <ProjectDocuments projectId={milestone.project_id} />
      <BillingLine milestone={milestone} />
      {canDecide ? (
        <div className="flex flex-col gap-2 sm:flex-row">
          <Button size="lg" onClick={() => onDecide("approve")}>
            <CheckCircle2 aria-hidden="true" />
            {t("approve")}
          </Button>
          <Button size="lg" variant="outline" className="h-auto bg-card px-4 whitespace-normal" onClick={() => onDecide("changes")}>
            <PenLine className="max-sm:hidden" aria-hidden="true" />
            {t("requestChanges")}
          </Button>
        </div>
      ) : (
        <p className="text-sm text-muted-foreground" data-testid="milestone-viewer-note">
          {t("viewerNote")}
        </p>
      )}
    </div>
  );
}

/** Who approved it and when, with the invoice the approval sent. */
function Approval({ milestone }: { milestone: Milestone }) {
  const t = useTranslations("approval");
  const locale = useAppLocale();
  if (!milestone.approved_at) return null;
  const date = formatDate(milestone.approved_at, locale);
  return (
    <div className="flex flex-wrap items-center gap-x-3 text-sm" data-testid="milestone-approved">
      <span className="text-success">
        {milestone.approved_by_name ? t("approvedBy", { name: milestone.approved_by_name, date }) : t("approvedOn", { date })}
      </span>
      {milestone.invoice_id ? (
        <Link
          href={`/factures/${milestone.invoice_id}`}
          className="inline-flex min-h-11 items-center gap-1 font-medium text-primary hover:underline"
        >
          <Receipt className="size-4" aria-hidden="true" />
          {t("invoiceLink", { number: milestone.invoice_number ?? "" })}
        </Link>
      ) : null}
    </div>
  );
}

/** The client's last request for changes, until NOURX submits the milestone again. */
function ChangeRequest({ milestone }: { milestone: Milestone }) {
  const t = useTranslations("approval");
  const locale = useAppLocale();
  const request = milestone.change_request;
  if (!request) return null;
  const date = formatDate(request.requested_at, locale);
  return (
    <div className="mt-1 flex gap-2 rounded-md border bg-muted/60 p-3 text-sm" data-testid="milestone-change-request">
      <MessageSquareWarning className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
      <div className="flex min-w-0 flex-col gap-1">
        <p className="font-medium">
          {request.requested_by_name ? t("changesRequested", { name: request.requested_by_name, date }) : t("changesRequestedNoName", { date })}
        </p>
        <blockquote className="whitespace-pre-wrap break-words text-muted-foreground">{request.comment}</blockquote>
      </div>
    </div>
  );
}

/**
 * The project's milestones in order. One awaiting approval stands out with what was delivered,
 * what approving bills and the two answers (owners and members only); each has the anchor
 * `jalon-<id>`, and `#jalon-<id>` scrolls to it.
 */
export function MilestoneTimeline({
  projectId,
  clientId,
  tasks,
  ready,
  onOpenTask,
}: {
  projectId: string;
  clientId: string | undefined;
  /** The project's tasks (its board), for what each milestone delivered. */
  tasks: Task[];
  /** Whether what sits above the timeline is in place, so that scrolling to a milestone lands right. */
  ready: boolean;
  onOpenTask: (task: Task) => void;
}) {
  const t = useTranslations("projects");
  const tm = useTranslations("milestones");
  const tc = useTranslations("common");
  const locale = useAppLocale();
  const me = useMe();
  const milestones = useMilestones({ project: projectId });
  const ordered = useMemo(() => inProjectOrder(milestones.data?.results ?? []), [milestones.data]);
  const target = useTargetMilestone(ready && Boolean(milestones.data));
  const canDecide = canDecideMilestone(clientId, me.data);
  const [decision, setDecision] = useState<{ milestone: Milestone; decision: MilestoneDecision } | null>(null);

  return (
    <>
      <DashboardCard
        titleId="timeline-title"
        title={t("milestones")}
        query={milestones}
        items={ordered}
        skeleton={<SkeletonRows row="h-10" className="gap-3" />}
        empty={{ text: t("milestonesEmpty") }}
      >
        {(list) => (
          <ol className="relative flex flex-col" data-testid="milestone-timeline">
            {list.map((milestone, index) => {
              const Icon = MILESTONE_ICON[milestone.status];
              const highlighted = target === milestone.id;
              return (
                <li
                  key={milestone.id}
                  id={milestoneAnchor(milestone.id)}
                  tabIndex={-1}
                  aria-labelledby={`${milestoneAnchor(milestone.id)}-title`}
                  data-status={milestone.status}
                  data-highlighted={highlighted || undefined}
                  className={cn(
                    "relative flex scroll-mt-20 gap-3 rounded-md pb-4 outline-none last:pb-0",
                    // The milestone a notification pointed at: a ring around it, while the address names it.
                    highlighted && "ring-2 ring-primary ring-offset-2 ring-offset-card",
                  )}
                >
                  {index < list.length - 1 ? (
                    <span aria-hidden="true" className="absolute top-6 bottom-0 left-[11px] w-0.5 bg-border" />
                  ) : null}
                  <Icon className={cn("relative size-6 shrink-0 bg-card", MILESTONE_COLOR[milestone.status])} aria-hidden="true" />
                  <div className="flex min-w-0 flex-1 flex-col gap-1">
                    <span className="flex flex-wrap items-center justify-between gap-2">
                      <h3 id={`${milestoneAnchor(milestone.id)}-title`} className="font-medium break-words">
                        {milestone.title}
                      </h3>
                      <MilestoneStatusBadge status={milestone.status} />
                    </span>
                    {/* An approved milestone says when on its approval line. */}
                    {milestone.approved_at ? null : (
                      <span className="text-xs text-muted-foreground">
                        {milestone.completed_at
                          ? tm("completedOn", { date: formatDate(milestone.completed_at, locale) })
                          : milestone.due_date
                            ? tc("dueOn", { date: formatDate(milestone.due_date, locale) })
                            : tc("noDueDate")}
                      </span>
                    )}
                    {milestone.status === "awaiting_approval" ? (
                      <AwaitingApproval
                        milestone={milestone}
                        tasks={milestoneTasks(tasks, milestone.id)}
                        canDecide={canDecide}
                        onOpenTask={onOpenTask}
                        onDecide={(next) => setDecision({ milestone, decision: next })}
                      />
                    ) : null}
                    <Approval milestone={milestone} />
                    <ChangeRequest milestone={milestone} />
                  </div>
                </li>
              );
            })}
          </ol>
        )}
      </DashboardCard>
      {decision ? (
        <MilestoneDialogs milestone={decision.milestone} decision={decision.decision} onClose={() => setDecision(null)} />
      ) : null}
    </>
  );
}
