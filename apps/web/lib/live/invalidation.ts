import type { QueryKey } from "@tanstack/react-query";
import { commentKeys } from "@/queries/comments";
import { invoiceKeys } from "@/queries/invoices";
import { notificationKeys } from "@/queries/notifications";
import { paymentKeys } from "@/queries/payments";
import { projectKeys } from "@/queries/projects";
import { taskKeys } from "@/queries/tasks";
import { ticketKeys } from "@/queries/tickets";
import type { LiveEvent } from "./connection";

/** What an event makes stale: `all` for everything on screen (a `sync`). */
export type Staleness = { all: true } | { all: false; keys: QueryKey[] };

function text(value: unknown): string | null {
  return typeof value === "string" && value ? value : null;
}

/** The queries to read again after `event`; only those on screen refetch. */
export function staleAfter(event: LiveEvent): Staleness {
  const some = (...keys: QueryKey[]): Staleness => ({ all: false, keys });
  switch (event.kind) {
    case "sync":
      return { all: true };
    case "task.changed":
      // Boards, lists, the staff board's columns and workload; a project's progress.
      return some(taskKeys.all, projectKeys.all);
    case "task.comment": {
      const task = text(event.data.task_id);
      return task ? some(commentKeys.list(task), taskKeys.detail(task)) : some(commentKeys.all);
    }
    case "ticket.changed": {
      const ticket = text(event.data.ticket_id);
      return ticket ? some(ticketKeys.detail(ticket), ticketKeys.lists(), [...ticketKeys.all, "sla-events", ticket]) : some(ticketKeys.all);
    }
    case "ticket.message": {
      const ticket = text(event.data.ticket_id);
      return ticket ? some(ticketKeys.messages(ticket), ticketKeys.detail(ticket), ticketKeys.lists()) : some(ticketKeys.all);
    }
    case "payment.changed":
      return some(paymentKeys.all, invoiceKeys.all);
    case "notification.created":
      return some(notificationKeys.all);
    default:
      return some();
  }
}

/** Whether the staff dashboard (server-rendered) should render again after `event`. */
export function refreshesDashboard(event: LiveEvent): boolean {
  return ["activity", "payment.changed", "ticket.changed", "sync"].includes(event.kind);
}
