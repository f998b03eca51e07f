import {
  CreditCard,
  FilePen,
  FileText,
  FolderKanban,
  Home,
  LifeBuoy,
  ListChecks,
  Receipt,
  ScrollText,
  UserRound,
  type LucideIcon,
} from "lucide-react";

export type NavItem = {
  href: string;
  label: "dashboard" | "projects" | "tasks" | "documents" | "quotes" | "invoices" | "statement" | "payments" | "support" | "profile";
  icon: LucideIcon;
  /** Whether `pathname` belongs to this item. */
  match: (pathname: string) => boolean;
  /** In the phone's bottom bar (four items and "Plus"); the others are behind "Plus". */
  phone: boolean;
};

const under = (prefix: string) => (pathname: string) => pathname === prefix || pathname.startsWith(`${prefix}/`);

export const portalNav: NavItem[] = [
  { href: "/", label: "dashboard", icon: Home, match: (p) => p === "/", phone: true },
  { href: "/projets", label: "projects", icon: FolderKanban, match: under("/projets"), phone: true },
  { href: "/taches", label: "tasks", icon: ListChecks, match: under("/taches"), phone: false },
  { href: "/documents", label: "documents", icon: FileText, match: under("/documents"), phone: false },
  { href: "/devis", label: "quotes", icon: FilePen, match: under("/devis"), phone: false },
  { href: "/factures", label: "invoices", icon: Receipt, match: under("/factures"), phone: true },
  { href: "/releve", label: "statement", icon: ScrollText, match: under("/releve"), phone: false },
  { href: "/paiements", label: "payments", icon: CreditCard, match: under("/paiements"), phone: false },
  { href: "/support", label: "support", icon: LifeBuoy, match: under("/support"), phone: true },
  { href: "/profil", label: "profile", icon: UserRound, match: under("/profil"), phone: false },
];
