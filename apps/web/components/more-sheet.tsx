"use client";

import Link from "next/link";
import { LogOut, ShieldCheck } from "lucide-react";
import { useTranslations } from "next-intl";
import type { NavItem } from "@/config/nav";
import { NavLink } from "@/components/nav-link";
import { Sheet, SheetContent, SheetHeader, SheetTitle } from "@/components/ui/sheet";
import { useLogout } from "@/queries/auth";
import { useMe } from "@/queries/me";
import { isStaff } from "@/lib/roles";
import { cn } from "@/lib/utils";

const linkClass = "flex min-h-12 w-full items-center gap-3 rounded-md px-3 text-base font-medium";

/** The sections behind the phone's "Plus", with the back-office for staff and logging out. */
export function MoreSheet({
  open,
  onOpenChange,
  items,
  pathname,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  items: NavItem[];
  pathname: string;
}) {
  const t = useTranslations("nav");
  const tc = useTranslations("common");
  const me = useMe();
  const logout = useLogout();
  const close = () => onOpenChange(false);

  return (
    <Sheet open={open} onOpenChange={onOpenChange}>
      <SheetContent closeLabel={tc("close")} aria-describedby={undefined}>
        <SheetHeader>
          <SheetTitle>{t("moreTitle")}</SheetTitle>
        </SheetHeader>
        <nav aria-label={t("moreTitle")}>
          <ul className="flex flex-col gap-1">
            {items.map((item) => (
              <li key={item.href}>
                <NavLink
                  item={item}
                  pathname={pathname}
                  onClick={close}
                  className={(current) => cn(linkClass, current ? "bg-secondary text-secondary-foreground" : "hover:bg-accent")}
                />
              </li>
            ))}
            {isStaff(me.data?.role) ? (
              <li>
                <Link href="/admin" onClick={close} className={cn(linkClass, "hover:bg-accent")}>
                  <ShieldCheck className="size-5" aria-hidden="true" />
                  {t("admin")}
                </Link>
              </li>
            ) : null}
          </ul>
        </nav>
        <div className="border-t pt-2">
          <button type="button" onClick={() => logout.mutate()} disabled={logout.isPending} className={cn(linkClass, "hover:bg-accent")}>
            <LogOut className="size-5" aria-hidden="true" />
            {t("logout")}
          </button>
        </div>
      </SheetContent>
    </Sheet>
  );
}
