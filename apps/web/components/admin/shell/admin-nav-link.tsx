"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import type { AdminNavItem } from "./nav";

/** One back-office section in a menu, marked as the current page when it is. */
export function AdminNavLink({
  item,
  pathname,
  className,
  onClick,
}: {
  item: AdminNavItem;
  pathname: string;
  className: (current: boolean) => string;
  onClick?: () => void;
}) {
  const t = useTranslations("admin.shell.nav");
  const current = item.match(pathname);
  return (
    <Link href={item.href} onClick={onClick} aria-current={current ? "page" : undefined} className={className(current)}>
      <item.icon className="size-4 shrink-0" aria-hidden="true" />
      {t(item.label)}
    </Link>
  );
}
