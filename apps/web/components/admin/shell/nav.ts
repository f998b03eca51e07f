import type { IconName } from "@/components/admin/icons";

export type AdminNavLabel =
  | "dashboard"
  | "clients"
  | "prospects"
  | "projects"
  | "tasks"
  | "billing"
  | "payments"
  | "support"
  | "team"
  | "settings"
  | "journal";

export type AdminNavItem = {
  href: string;
  /** Key under `admin.shell.nav`. */
  label: AdminNavLabel;
  /** Drawn on the server (the shell is a Server Component). */
  icon: IconName;
  /** Current only on `href` itself, not on the pages under it. */
  exact?: boolean;
  /** Whether the section exists yet: the issue that builds a section turns this on. */
  ready: boolean;
  /** Only for the `admin` role (settings); `staff` does not see it. */
  adminOnly?: boolean;
};

/** The back-office's sections, in the sidebar's order: the one list the sidebar and the phone menu read. */
export const ADMIN_NAV: AdminNavItem[] = [
  { href: "/admin", label: "dashboard", icon: "LayoutDashboard", exact: true, ready: true },
  { href: "/admin/clients", label: "clients", icon: "Building2", ready: true },
  { href: "/admin/prospects", label: "prospects", icon: "Target", ready: true },
  { href: "/admin/projets", label: "projects", icon: "FolderKanban", ready: true },
  { href: "/admin/taches", label: "tasks", icon: "ListChecks", ready: true },
  { href: "/admin/facturation", label: "billing", icon: "Receipt", ready: true },
  { href: "/admin/paiements", label: "payments", icon: "CreditCard", ready: true },
  { href: "/admin/support", label: "support", icon: "LifeBuoy", ready: true },
  { href: "/admin/equipe", label: "team", icon: "Users", ready: true },
  { href: "/admin/parametres", label: "settings", icon: "Settings", ready: false, adminOnly: true },
  { href: "/admin/journal", label: "journal", icon: "ScrollText", ready: true },
];

/** The sections a staff member with `role` sees today. */
export function adminNavFor(role: string | undefined, items: AdminNavItem[] = ADMIN_NAV): AdminNavItem[] {
  return items.filter((item) => item.ready && (!item.adminOnly || role === "admin"));
}
