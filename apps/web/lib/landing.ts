import { isStaff } from "./roles";

/**
 * Where someone who just joined from an invitation lands: staff enrol two-factor authentication
 * first (the back-office holds every client's data), then reach the back-office; clients reach
 * their portal.
 */
export function landingAfterJoining(me: { role: string; two_factor: { enabled: boolean } }): string {
  if (!isStaff(me.role)) return "/";
  return me.two_factor.enabled ? "/admin" : `/double-authentification?next=${encodeURIComponent("/admin")}`;
}
