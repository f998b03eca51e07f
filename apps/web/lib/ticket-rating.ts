import type { Me, Ticket } from "./api/types";
import { isStaff } from "./roles";

/**
 * Whether the user may rate a ticket (or change its rating): once it is resolved or closed, the
 * client's owners and members. Viewers only read and NOURX staff never rate their own work. The
 * API enforces the same rule (409 before resolution, 403 otherwise).
 */
export function canRateTicket(
  ticket: Pick<Ticket, "status" | "client_id">,
  me: Pick<Me, "role" | "memberships"> | undefined,
): boolean {
  if (!me || isStaff(me.role)) return false;
  if (ticket.status !== "resolved" && ticket.status !== "closed") return false;
  const role = me.memberships.find((m) => m.client_id === ticket.client_id)?.role;
  return role === "owner" || role === "member";
}

/** Whether the page was opened from the "ticket resolved" email or notification (`?noter=1`). */
export function asksForRating(search: string): boolean {
  return new URLSearchParams(search).get("noter") === "1";
}
