import type { Me, Task } from "./api/types";
import { isStaff } from "./roles";

/**
 * Which kanban cards the user may drag. Staff move any card; a client owner or member moves the
 * tasks assigned to them in that client's space; a viewer moves nothing. The API enforces the
 * same rule: this only decides what the board offers.
 */
export function canMoveTask(
  task: Pick<Task, "assigned_to" | "client_id">,
  me: Pick<Me, "id" | "role" | "memberships"> | undefined,
): boolean {
  if (!me) return false;
  if (isStaff(me.role)) return true;
  const membership = me.memberships.find((m) => m.client_id === task.client_id);
  return task.assigned_to === me.id && (membership?.role === "owner" || membership?.role === "member");
}

/**
 * Whether the user may add documents in a client's space: staff, and the client's owners and
 * members (a viewer only reads). The API enforces the same rule.
 */
export function canUploadDocuments(
  clientId: string | undefined,
  me: Pick<Me, "role" | "memberships"> | undefined,
): boolean {
  if (!me || !clientId) return false;
  if (isStaff(me.role)) return true;
  const role = me.memberships.find((m) => m.client_id === clientId)?.role;
  return role === "owner" || role === "member";
}

/**
 * Whether the user may approve a milestone or ask for changes on it: the client's owners and
 * members. Viewers only read, and NOURX staff never answer for the client. The API enforces it.
 */
export function canDecideMilestone(
  clientId: string | undefined,
  me: Pick<Me, "role" | "memberships"> | undefined,
): boolean {
  if (!me || !clientId || isStaff(me.role)) return false;
  const role = me.memberships.find((m) => m.client_id === clientId)?.role;
  return role === "owner" || role === "member";
}
