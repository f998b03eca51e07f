import { FolderKanban, Home, LifeBuoy, ListChecks, UserRound, type LucideIcon } from "lucide-react";

export type NavItem = {
  href: string;
  label: "dashboard" | "projects" | "tasks" | "support" | "profile";
  icon: LucideIcon;
  /** Whether `pathname` belongs to this item. */
  match: (pathname: string) => boolean;
};

const under = (prefix: string) => (pathname: string) => pathname === prefix || pathname.startsWith(`${prefix}/`);

export const portalNav: NavItem[] = [
  { href: "/", label: "dashboard", icon: Home, match: (p) => p === "/" },
  { href: "/projets", label: "projects", icon: FolderKanban, match: under("/projets") },
  { href: "/taches", label: "tasks", icon: ListChecks, match: under("/taches") },
  { href: "/support", label: "support", icon: LifeBuoy, match: under("/support") },
  { href: "/profil", label: "profile", icon: UserRound, match: under("/profil") },
];
