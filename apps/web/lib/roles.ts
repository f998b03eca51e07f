/**
 * NOURX staff: `admin` (everything) or `staff` (no settings, no team management). A module of
 * its own so the login page and the portal's frame import only this.
 */
export function isStaff(role: string | undefined): boolean {
  return role === "admin" || role === "staff";
}

