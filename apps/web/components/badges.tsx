"use client";

import { useTranslations } from "next-intl";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type {
  InvoiceStatus,
  MilestoneStatus,
  Priority,
  ProjectStatus,
  QuoteStatus,
  TaskStatus,
  TicketStatus,
} from "@/lib/api/types";

const PROJECT_TONE: Record<ProjectStatus, BadgeTone> = {
  draft: "neutral",
  active: "progress",
  on_hold: "warning",
  completed: "success",
  cancelled: "neutral",
};
const MILESTONE_TONE: Record<MilestoneStatus, BadgeTone> = {
  planned: "neutral",
  in_progress: "progress",
  awaiting_approval: "warning",
  done: "success",
  late: "danger",
};
const TASK_TONE: Record<TaskStatus, BadgeTone> = {
  todo: "neutral",
  in_progress: "progress",
  review: "info",
  blocked: "danger",
  done: "success",
};
const PRIORITY_TONE: Record<Priority, BadgeTone> = {
  low: "neutral",
  normal: "neutral",
  high: "warning",
  urgent: "danger",
};
const TICKET_TONE: Record<TicketStatus, BadgeTone> = {
  open: "info",
  pending: "warning",
  resolved: "success",
  closed: "neutral",
};

const INVOICE_TONE: Record<InvoiceStatus, BadgeTone> = {
  draft: "neutral",
  sent: "info",
  partially_paid: "warning",
  paid: "success",
  cancelled: "neutral",
  credited: "neutral",
};
const QUOTE_TONE: Record<QuoteStatus, BadgeTone> = {
  draft: "neutral",
  sent: "info",
  accepted: "success",
  declined: "neutral",
  expired: "warning",
};

export function ProjectStatusBadge({ status }: { status: ProjectStatus }) {
  const t = useTranslations("projects.status");
  return <Badge tone={PROJECT_TONE[status]}>{t(status)}</Badge>;
}

export function MilestoneStatusBadge({ status }: { status: MilestoneStatus }) {
  const t = useTranslations("milestones.status");
  return <Badge tone={MILESTONE_TONE[status]}>{t(status)}</Badge>;
}

export function TaskStatusBadge({ status }: { status: TaskStatus }) {
  const t = useTranslations("tasks.status");
  return <Badge tone={TASK_TONE[status]}>{t(status)}</Badge>;
}

export function PriorityBadge({ priority }: { priority: Priority }) {
  const t = useTranslations("tasks");
  const tc = useTranslations("common");
  return (
    <Badge tone={PRIORITY_TONE[priority]}>
      <span className="sr-only">{tc("labelled", { label: t("priorityLabel") })} </span>
      {t(`priority.${priority}`)}
    </Badge>
  );
}

export function TicketStatusBadge({ status }: { status: TicketStatus }) {
  const t = useTranslations("support.statusShort");
  return <Badge tone={TICKET_TONE[status]}>{t(status)}</Badge>;
}

/** An unpaid invoice past its due date says so in red, whatever its status. */
export function InvoiceStatusBadge({ status, overdue }: { status: InvoiceStatus; overdue?: boolean }) {
  const t = useTranslations("invoices");
  if (overdue && (status === "sent" || status === "partially_paid")) {
    return <Badge tone="danger">{t("overdue")}</Badge>;
  }
  return <Badge tone={INVOICE_TONE[status]}>{t(`status.${status}`)}</Badge>;
}

export function QuoteStatusBadge({ status }: { status: QuoteStatus }) {
  const t = useTranslations("quotes.status");
  return <Badge tone={QUOTE_TONE[status]}>{t(status)}</Badge>;
}

// Its own module: the pay link's pages use it without every other badge's messages.
export { PaymentStatusBadge } from "@/components/payments/status-badge";
