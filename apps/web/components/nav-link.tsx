"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import type { NavItem } from "@/config/nav";

/** One section of the portal in a menu: its icon and its name, marked as the current page when it is. */
export function NavLink({
  item,
  pathname,
  className,
  iconClassName = () => "size-5",
  onClick,
}: {
  item: NavItem;
  pathname: string;
  /** The link's classes, current page or not. */
  className: (current: boolean) => string;
  iconClassName?: (current: boolean) => string;
  onClick?: () => void;
}) {
  const t = useTranslations("nav");
  const current = item.match(pathname);
  return (
    <Link href={item.href} onClick={onClick} aria-current={current ? "page" : undefined} className={className(current)}>
      <item.icon className={iconClassName(current)} aria-hidden="true" />
      {t(item.label)}
    </Link>
  );
}
