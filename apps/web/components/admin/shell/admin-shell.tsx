"use client";

import dynamic from "next/dynamic";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { ExternalLink, LogOut, Menu } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { SearchLauncher } from "@/components/admin/search/search-launcher";
import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/lib/utils";
import { useLogout } from "@/queries/auth";
import { useMe } from "@/queries/me";
import { AdminLanguage } from "./admin-language";
import { AdminNavLink } from "./admin-nav-link";
import { adminNavFor } from "./nav";

// The phone's menu (a dialog) loads on the first tap, not with every page.
const AdminMenuSheet = dynamic(() => import("./admin-menu-sheet").then((m) => m.AdminMenuSheet), { ssr: false });

const sidebarLink = (current: boolean) =>
  cn(
    "flex min-h-9 items-center gap-2.5 rounded-md px-2.5 text-sm font-medium",
    current ? "bg-secondary text-secondary-foreground" : "text-foreground/80 hover:bg-accent hover:text-foreground",
  );
const headerLink = "inline-flex min-h-9 items-center gap-1.5 rounded-md px-2.5 text-sm font-medium hover:bg-accent";

function Brand() {
  const t = useTranslations("admin.shell");
  return (
    <Link href="/admin" className="flex min-h-11 shrink-0 items-center gap-2 rounded-md font-semibold tracking-tight">
      <span aria-hidden="true" className="inline-flex size-7 items-center justify-center rounded-md bg-primary text-sm font-bold text-primary-foreground">
        N
      </span>
      <span>NOURX</span>
      <span className="rounded bg-muted px-1.5 py-0.5 text-xs font-medium text-muted-foreground">{t("brand")}</span>
      <span className="sr-only">— {t("home")}</span>
    </Link>
  );
}

/** The phone's "Menu" button and the drawer behind it. */
function PhoneMenu({ pathname, role }: { pathname: string; role: string | undefined }) {
  const t = useTranslations("admin.shell");
  const [open, setOpen] = useState(false);
  const [loaded, setLoaded] = useState(false);
  return (
    <>
      <button
        type="button"
        onClick={() => {
          setLoaded(true);
          setOpen(true);
        }}
        aria-haspopup="dialog"
        aria-expanded={open}
        className="-ml-2 inline-flex size-11 items-center justify-center rounded-md hover:bg-accent md:hidden"
      >
        <Menu className="size-5" aria-hidden="true" />
        <span className="sr-only">{t("menu")}</span>
      </button>
      {loaded ? <AdminMenuSheet open={open} onOpenChange={setOpen} pathname={pathname} role={role} /> : null}
    </>
  );
}

/**
 * The back-office's frame: a dense desktop layout (header with search, language, the staff
 * member and logout; a sidebar of sections) and, on phones, a compact header whose menu opens a
 * drawer. Only staff reach it (app/admin/layout.tsx sends clients to the portal).
 */
export function AdminShell({ children, banner }: { children: React.ReactNode; banner?: React.ReactNode }) {
  const t = useTranslations("admin.shell");
  const pathname = usePathname();
  const me = useMe();
  const logout = useLogout();
  const role = me.data?.role;
  const nav = adminNavFor(role);

  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-[70] focus:rounded-md focus:bg-card focus:p-3 focus:shadow"
      >
        {t("skipToContent")}
      </a>
      <header className="sticky top-0 z-40 border-b bg-card/95 backdrop-blur">
        <div className="flex h-14 items-center gap-2 px-4 md:gap-4 md:px-5">
          <PhoneMenu pathname={pathname} role={role} />
          <Brand />
          <div className="flex flex-1 justify-end md:justify-center">
            <SearchLauncher />
          </div>
          <div className="hidden items-center gap-1 md:flex">
            <Link href="/" className={headerLink}>
              <ExternalLink className="size-4" aria-hidden="true" />
              {t("portal")}
            </Link>
            <AdminLanguage />
            <span className="mx-1 hidden max-w-44 flex-col text-right leading-tight lg:flex" data-testid="staff-name">
              {me.data ? (
                <>
                  <span className="truncate text-sm font-medium">{me.data.name}</span>
                  <span className="text-xs text-muted-foreground">{t(`roles.${role === "admin" ? "admin" : "staff"}`)}</span>
                </>
              ) : (
                <Skeleton className="h-4 w-24" />
              )}
            </span>
            <button type="button" onClick={() => logout.mutate()} disabled={logout.isPending} className={headerLink}>
              <LogOut className="size-4" aria-hidden="true" />
              {t("logout")}
            </button>
          </div>
        </div>
      </header>
      {banner}
      <div className="flex w-full flex-1">
        <nav
          aria-label={t("mainNav")}
          className="sticky top-14 hidden h-[calc(100dvh-3.5rem)] w-52 shrink-0 overflow-y-auto border-r bg-card px-3 py-4 md:block"
        >
          <ul className="flex flex-col gap-0.5">
            {nav.map((item) => (
              <li key={item.href}>
                <AdminNavLink item={item} pathname={pathname} className={sidebarLink} />
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 pt-4 pb-10 outline-none md:px-6 md:pt-5">
          {children}
        </main>
      </div>
    </div>
  );
}
