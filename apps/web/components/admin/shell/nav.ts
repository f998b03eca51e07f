import {
  Building2,
  Banknote,
  Briefcase,
  LayoutDashboard,
  Headset,
  ListTodo,
  ReceiptText,
  ScrollText,
  Settings,
  Target,
  Users,
  type LucideIcon,
} from "lucide-react";

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
  icon: LucideIcon;
  /** Whether `pathname` belongs to this item. */
  match: (pathname: string) => boolean;
  /** Whether the section exists yet: the issue that builds a section turns this on. */
  ready: boolean;
  /** Only for the `admin` role (settings); `staff` does not see it. */
  adminOnly?: boolean;
};

const under = (prefix: string) => (pathname: string) => pathname === prefix || pathname.startsWith(`${prefix}/`);

/** The back-office's sections, in the sidebar's order: the one list the sidebar and the phone menu read. */
export const ADMIN_NAV: AdminNavItem[] = [
  { href: "/admin", label: "dashboard", icon: LayoutDashboard, match: (p) => p === "/admin", ready: true },
  { href: "/admin/clients", label: "clients", icon: Building2, match: under("/admin/clients"), ready: true },
  { href: "/admin/prospects", label: "prospects", icon: Target, match: under("/admin/prospects"), ready: false },
  { href: "/admin/projets", label: "projects", icon: Briefcase, match: under("/admin/projets"), ready: false },
  { href: "/admin/taches", label: "tasks", icon: ListTodo, match: under("/admin/taches"), ready: false },
  { href: "/admin/facturation", label: "billing", icon: ReceiptText, match: under("/admin/facturation"), ready: false },
  { href: "/admin/paiements", label: "payments", icon: Banknote, match: under("/admin/paiements"), ready: false },
  { href: "/admin/support", label: "support", icon: Headset, match: under("/admin/support"), ready: false },
  { href: "/admin/equipe", label: "team", icon: Users, match: under("/admin/equipe"), ready: true },
  { href: "/admin/parametres", label: "settings", icon: Settings, match: under("/admin/parametres"), ready: false, adminOnly: true },
  { href: "/admin/journal", label: "journal", icon: ScrollText, match: under("/admin/journal"), ready: true },
];

/** The sections a staff member with `role` sees today. */
export function adminNavFor(role: string | undefined, items: AdminNavItem[] = ADMIN_NAV): AdminNavItem[] {
  return items.filter((item) => item.ready && (!item.adminOnly || role === "admin"));
}
