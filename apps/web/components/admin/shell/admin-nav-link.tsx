"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/**
 * One back-office section in a menu, marked as the current page when it is. Its icon and name
 * come rendered from the server (children): the back-office ships no icon code to the browser.
 */
export function AdminNavLink({
  href,
  exact = false,
  className,
  currentClassName,
  children,
}: {
  href: string;
  /** Current only on `href` itself (the dashboard), not on the pages under it. */
  exact?: boolean;
  className: string;
  currentClassName: string;
  children: React.ReactNode;
}) {
  const pathname = usePathname();
  const current = pathname === href || (!exact && pathname.startsWith(`${href}/`));
  return (
    <Link href={href} aria-current={current ? "page" : undefined} className={current ? currentClassName : className}>
      {children}
    </Link>
  );
}
