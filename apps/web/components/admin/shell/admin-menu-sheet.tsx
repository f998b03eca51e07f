"use client";

import Link from "next/link";
import { ExternalLink, LogOut } from "lucide-react";
import { useTranslations } from "next-intl";
import { Sheet, SheetContent, SheetHeader, SheetTitle } from "@/components/ui/sheet";
import { cn } from "@/lib/utils";
import { useLogout } from "@/queries/auth";
import { useMe } from "@/queries/me";
import { AdminLanguage } from "./admin-language";
import { AdminNavLink } from "./admin-nav-link";
import { adminNavFor } from "./nav";

const linkClass = "flex min-h-12 w-full items-center gap-3 rounded-md px-3 text-base font-medium";

/** The phone's drawer: every section, the portal, the language, who is logged in, and logging out. */
export function AdminMenuSheet({
  open,
  onOpenChange,
  pathname,
  role,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  pathname: string;
  role: string | undefined;
}) {
  const t = useTranslations("admin.shell");
  const tc = useTranslations("common");
  const me = useMe();
  const logout = useLogout();
  const close = () => onOpenChange(false);

  return (
    <Sheet open={open} onOpenChange={onOpenChange}>
      <SheetContent closeLabel={tc("close")} aria-describedby={undefined}>
        <SheetHeader>
          <SheetTitle>{t("title")}</SheetTitle>
          {me.data ? <p className="text-sm text-muted-foreground">{me.data.name}</p> : null}
        </SheetHeader>
        <nav aria-label={t("mainNav")}>
          <ul className="flex flex-col gap-1">
            {adminNavFor(role).map((item) => (
              <li key={item.href}>
                <AdminNavLink
                  item={item}
                  pathname={pathname}
                  onClick={close}
                  className={(current) => cn(linkClass, current ? "bg-secondary text-secondary-foreground" : "hover:bg-accent")}
                />
              </li>
            ))}
            <li>
              <Link href="/" onClick={close} className={cn(linkClass, "hover:bg-accent")}>
                <ExternalLink className="size-4" aria-hidden="true" />
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
          <button type="button" onClick={() => logout.mutate()} disabled={logout.isPending} className={cn(linkClass, "hover:bg-accent")}>
            <LogOut className="size-5" aria-hidden="true" />
            {t("logout")}
          </button>
        </div>
      </SheetContent>
    </Sheet>
  );
}
