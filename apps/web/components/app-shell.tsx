"use client";

import dynamic from "next/dynamic";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { Ellipsis, LogOut, ShieldCheck } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { portalNav } from "@/config/nav";
import { NativeSelect } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { useClientScope } from "@/components/client-scope";
import { NavLink } from "@/components/nav-link";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { useLogout } from "@/queries/auth";
import { useMe } from "@/queries/me";
import { isStaff } from "@/lib/roles";
import { cn } from "@/lib/utils";
import { LiveUpdates } from "./live-updates";

const sidebarLink = (current: boolean) =>
  cn(
    "flex min-h-11 items-center gap-3 rounded-md px-3 text-sm font-medium",
    current ? "bg-secondary text-secondary-foreground" : "hover:bg-accent",
  );
const bottomBarLink = (current: boolean) =>
  cn(
    "flex min-h-14 flex-col items-center justify-center gap-0.5 text-[0.7rem] font-medium",
    current ? "text-primary" : "text-muted-foreground",
  );
const bottomBarIcon = (current: boolean) => cn("size-5", current && "stroke-[2.5]");

function Logo() {
  const t = useTranslations("app");
  return (
    <Link href="/" className="flex min-h-11 items-center gap-2 rounded-md font-semibold tracking-tight">
      <span aria-hidden="true" className="inline-flex size-8 items-center justify-center rounded-md bg-primary text-sm font-bold text-primary-foreground">
        N
      </span>
      <span className="text-lg">{t("name")}</span>
      <span className="sr-only">— {t("tagline")}</span>
    </Link>
  );
}

function ClientSwitcher() {
  const t = useTranslations("nav");
  const { several, clients, clientId, setClientId } = useClientScope();
  if (!several) return null;
  return (
    <div className="flex min-w-0 items-center gap-2">
      <label htmlFor="client-switcher" className="sr-only">
        {t("switchClient")}
      </label>
      <NativeSelect
        id="client-switcher"
        value={clientId ?? ""}
        onChange={(event) => setClientId(event.target.value)}
        className="max-w-[11rem] text-sm sm:max-w-xs"
      >
        {clients.map((client) => (
          <option key={client.id} value={client.id}>
            {client.name}
          </option>
        ))}
      </NativeSelect>
    </div>
  );
}

const phoneNav = portalNav.filter((item) => item.phone);
const moreNav = portalNav.filter((item) => !item.phone);

// The "Plus" panel (a dialog) loads on the first tap, not with every page.
const MoreSheet = dynamic(() => import("./more-sheet").then((m) => m.MoreSheet), { ssr: false });

/** The phone's "Plus": the sections that do not fit the bottom bar, the back-office, logging out. */
function MoreMenu({ pathname }: { pathname: string }) {
  const t = useTranslations("nav");
  const [open, setOpen] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const active = moreNav.some((item) => item.match(pathname));

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
        className={cn(
          "flex min-h-14 w-full flex-col items-center justify-center gap-0.5 text-[0.7rem] font-medium",
          active ? "text-primary" : "text-muted-foreground",
        )}
      >
        <Ellipsis className={cn("size-5", active && "stroke-[2.5]")} aria-hidden="true" />
        {t("more")}
      </button>
      {loaded ? <MoreSheet open={open} onOpenChange={setOpen} items={moreNav} pathname={pathname} /> : null}
    </>
  );
}

/** The portal's frame: a header, a side bar on wide screens and a bottom bar on phones. */
export function AppShell({ children }: { children: React.ReactNode }) {
  const t = useTranslations("nav");
  const tApp = useTranslations("app");
  const pathname = usePathname();
  const me = useMe();
  const logout = useLogout();
  const { clients, several } = useClientScope();
  const clientName = !several && clients.length === 1 ? clients[0].name : undefined;

  return (
    <div className="flex min-h-dvh flex-col">
      <LiveUpdates />
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-[70] focus:rounded-md focus:bg-card focus:p-3 focus:shadow"
      >
        {tApp("skipToContent")}
      </a>
      <header className="sticky top-0 z-40 border-b bg-card/95 backdrop-blur">
        <div className="mx-auto flex h-14 max-w-6xl items-center justify-between gap-3 px-4">
          <Logo />
          <div className="flex min-w-0 items-center gap-2">
            <ClientSwitcher />
            {clientName ? <span className="hidden text-sm text-muted-foreground sm:inline">{clientName}</span> : null}
            {isStaff(me.data?.role) ? (
              <Link
                href="/admin"
                className="hidden min-h-11 items-center gap-1 rounded-md px-3 text-sm font-medium hover:bg-accent sm:inline-flex"
              >
                <ShieldCheck className="size-4" aria-hidden="true" />
                {t("admin")}
              </Link>
            ) : null}
            <NotificationBell />
            <span className="hidden max-w-40 truncate text-sm font-medium md:inline" aria-hidden={!me.data}>
              {me.data ? me.data.name : <Skeleton className="h-4 w-24" />}
            </span>
            <button
              type="button"
              onClick={() => logout.mutate()}
              disabled={logout.isPending}
              className="hidden min-h-11 items-center gap-2 rounded-md px-3 text-sm font-medium hover:bg-accent md:inline-flex"
            >
              <LogOut className="size-4" aria-hidden="true" />
              {t("logout")}
            </button>
          </div>
        </div>
      </header>

      <div className="mx-auto flex w-full max-w-6xl flex-1 gap-6 px-4">
        <nav aria-label={t("main")} className="sticky top-14 hidden h-[calc(100dvh-3.5rem)] w-52 shrink-0 py-6 md:block">
          <ul className="flex flex-col gap-1">
            {portalNav.map((item) => (
              <li key={item.href}>
                <NavLink item={item} pathname={pathname} className={sidebarLink} />
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 pt-4 pb-24 outline-none md:pt-6 md:pb-10">
          {children}
        </main>
      </div>

      <nav
        aria-label={t("main")}
        className="fixed inset-x-0 bottom-0 z-40 border-t bg-card pb-[env(safe-area-inset-bottom)] md:hidden"
      >
        <ul className="grid grid-cols-5">
          {phoneNav.map((item) => (
            <li key={item.href}>
              <NavLink item={item} pathname={pathname} className={bottomBarLink} iconClassName={bottomBarIcon} />
            </li>
          ))}
          <li>
            <MoreMenu pathname={pathname} />
          </li>
        </ul>
      </nav>
    </div>
  );
}
