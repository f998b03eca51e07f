import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Icon } from "@/components/admin/icons";
import { SearchLauncher } from "@/components/admin/search/search-launcher";
import { LiveUpdates } from "@/components/live-updates";
import { cn } from "@/lib/utils";
import { AdminLanguage } from "./admin-language";
import { AdminNavLink } from "./admin-nav-link";
import { LogoutButton } from "./logout-button";
import { adminNavFor } from "./nav";
import { PhoneMenu } from "./phone-menu";

const sidebarLink = "flex min-h-9 items-center gap-2.5 rounded-md px-2.5 text-sm font-medium text-foreground/80 hover:bg-accent hover:text-foreground";
const sidebarCurrent = "flex min-h-9 items-center gap-2.5 rounded-md px-2.5 text-sm font-medium bg-secondary text-secondary-foreground";
const drawerLink = "flex min-h-12 w-full items-center gap-3 rounded-md px-3 text-base font-medium hover:bg-accent";
const drawerCurrent = "flex min-h-12 w-full items-center gap-3 rounded-md px-3 text-base font-medium bg-secondary text-secondary-foreground";
const headerLink = "inline-flex min-h-9 items-center gap-1.5 rounded-md px-2.5 text-sm font-medium hover:bg-accent";

export type StaffMember = { name: string; role: string } | null;

/**
 * The back-office's frame, rendered on the server: a dense desktop layout (header with search,
 * portal, language, the staff member and logout; a sidebar of sections) and, on phones, a
 * compact header whose menu opens a drawer. The few interactive parts are small client islands
 * that get their icons and words from here, so the browser loads no icon or menu code for it.
 * Only staff reach it (app/admin/layout.tsx sends clients to the portal).
 */
export async function AdminShell({ me, banner, children }: { me: StaffMember; banner?: React.ReactNode; children: React.ReactNode }) {
  const t = await getTranslations("admin.shell");
  const tc = await getTranslations("common");
  const nav = adminNavFor(me?.role);
  const navLinks = (link: string, current: string, iconClass: string) =>
    nav.map((item) => (
      <li key={item.href}>
        <AdminNavLink href={item.href} exact={item.exact} className={link} currentClassName={current}>
          <Icon name={item.icon} className={iconClass} />
          {t(`nav.${item.label}`)}
        </AdminNavLink>
      </li>
    ));

  return (
    <div className="flex min-h-dvh flex-col">
      <LiveUpdates dashboard="/admin" />
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-[70] focus:rounded-md focus:bg-card focus:p-3 focus:shadow"
      >
        {t("skipToContent")}
      </a>
      <header className="sticky top-0 z-40 border-b bg-card/95 backdrop-blur">
        <div className="flex h-14 items-center gap-2 px-4 md:gap-4 md:px-5">
          <PhoneMenu label={t("menu")} title={t("title")} closeLabel={tc("close")} icon={<Icon name="Menu" className="size-5" />}>
            {me ? <p className="-mt-2 px-3 text-sm text-muted-foreground">{me.name}</p> : null}
            <nav aria-label={t("mainNav")}>
              <ul className="flex flex-col gap-1">
                {navLinks(drawerLink, drawerCurrent, "size-5 shrink-0")}
                <li>
                  <Link href="/" className={drawerLink}>
                    <Icon name="ExternalLink" className="size-5 shrink-0" />
                    {t("portal")}
                  </Link>
                </li>
              </ul>
            </nav>
            <div className="flex flex-col gap-2 border-t pt-3">
              <div className="flex items-center justify-between gap-3 px-3">
                <span className="text-sm text-muted-foreground">{t("language")}</span>
                <AdminLanguage buttonClassName="min-h-11 min-w-11 text-sm" />
              </div>
              <LogoutButton className={drawerLink}>
                <Icon name="LogOut" className="size-5 shrink-0" />
                {t("logout")}
              </LogoutButton>
            </div>
          </PhoneMenu>
          <Link href="/admin" className="flex min-h-11 shrink-0 items-center gap-2 rounded-md font-semibold tracking-tight">
            <span aria-hidden="true" className="inline-flex size-7 items-center justify-center rounded-md bg-primary text-sm font-bold text-primary-foreground">
              N
            </span>
            <span>NOURX</span>
            <span className="rounded bg-muted px-1.5 py-0.5 text-xs font-medium text-muted-foreground">{t("brand")}</span>
            <span className="sr-only">— {t("home")}</span>
          </Link>
          <div className="flex flex-1 justify-end md:justify-center">
            <SearchLauncher
              label={t("search.button")}
              shortcut={t("search.shortcut")}
              icon={<Icon name="Search" className="size-5 md:size-4" />}
              inputIcon={<Icon name="Search" className="size-5 shrink-0 text-muted-foreground" />}
            />
          </div>
          <div className="hidden items-center gap-1 md:flex">
            <Link href="/" className={headerLink}>
              <Icon name="ExternalLink" className="size-4" />
              {t("portal")}
            </Link>
            <AdminLanguage />
            {me ? (
              <span className="mx-1 hidden max-w-44 flex-col text-right leading-tight lg:flex" data-testid="staff-name">
                <span className="truncate text-sm font-medium">{me.name}</span>
                <span className="text-xs text-muted-foreground">{t(`roles.${me.role === "admin" ? "admin" : "staff"}`)}</span>
              </span>
            ) : null}
            <LogoutButton className={headerLink}>
              <Icon name="LogOut" className="size-4" />
              {t("logout")}
            </LogoutButton>
          </div>
        </div>
      </header>
      {banner}
      <div className="flex w-full flex-1">
        {/* The column stretches to the page's height with the background; the links inside stay in view as it scrolls. */}
        <div className="hidden w-52 shrink-0 border-r bg-card md:block">
          <nav aria-label={t("mainNav")} className="sticky top-14 h-[calc(100dvh-3.5rem)] overflow-y-auto px-3 py-4">
            <ul className="flex flex-col gap-0.5">{navLinks(sidebarLink, sidebarCurrent, "size-4 shrink-0")}</ul>
          </nav>
        </div>
        <main id="main" tabIndex={-1} className={cn("min-w-0 flex-1 px-4 pt-4 pb-10 outline-none md:px-6 md:pt-5")}>
          {children}
        </main>
      </div>
    </div>
  );
}
