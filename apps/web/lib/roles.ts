/**
 * NOURX staff: `admin` (everything) or `staff` (no settings, no team management). A module of
 * its own so the login page and the portal's frame import only this.
 */
export function isStaff(role: string | undefined): boolean {
  return role === "admin" || role === "staff";
}

/**
 * Where someone who just joined from an invitation lands: staff enrol two-factor authentication
 * first (the back-office holds every client's data), then reach the back-office; clients reach
 * their portal.
 */
export function landingAfterJoining(me: { role: string; two_factor: { enabled: boolean } }): string {
  if (!isStaff(me.role)) return "/";
  return me.two_factor.enabled ? "/admin" : `/double-authentification?next=${encodeURIComponent("/admin")}`;
}
