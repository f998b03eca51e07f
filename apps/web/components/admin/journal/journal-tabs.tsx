"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { cn } from "@/lib/utils";

/** Activity, outgoing mail and background jobs: the journal's three pages. */
export function JournalTabs() {
  const t = useTranslations("admin.journal");
  const pathname = usePathname();
  const tabs = [
    { href: "/admin/journal", label: t("tabs.activity") },
    { href: "/admin/journal/emails", label: t("tabs.emails") },
    { href: "/admin/journal/travaux", label: t("tabs.jobs") },
  ];
  return (
    <nav aria-label={t("tabs.label")} className="mb-4 flex gap-1 border-b">
      {tabs.map((tab) => {
        const current = pathname === tab.href;
        return (
          <Link
            key={tab.href}
            href={tab.href}
            aria-current={current ? "page" : undefined}
            className={cn(
              "-mb-px inline-flex min-h-11 items-center border-b-2 px-2 text-sm font-medium whitespace-nowrap sm:px-3",
              current ? "border-primary text-foreground" : "border-transparent text-muted-foreground hover:text-foreground",
            )}
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
