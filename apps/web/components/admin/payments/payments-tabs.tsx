"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { cn } from "@/lib/utils";

export type PaymentsTab = "payments" | "reconciliation" | "collected" | "failedJobs";

const TABS: { tab: PaymentsTab; href: string }[] = [
  { tab: "payments", href: "/admin/paiements" },
  { tab: "reconciliation", href: "/admin/paiements/rapprochement" },
  { tab: "collected", href: "/admin/paiements/encaissements" },
  // The journal's jobs screen, on the jobs that gave up (payment re-checks): one screen, reached from both sections.
  { tab: "failedJobs", href: "/admin/journal/travaux?status=dead" },
];

/** "Paiements | Rapprochement | Encaissements | Tâches en échec": the payments section's pages, the current one marked for screen readers too. */
export function PaymentsTabs({ current }: { current: PaymentsTab }) {
  const t = useTranslations("admin.payments.tabs");
  return (
    <nav aria-label={t("label")} className="mb-4 flex gap-1 overflow-x-auto border-b">
      {TABS.map(({ tab, href }) => (
        <Link
          key={tab}
          href={href}
          aria-current={current === tab ? "page" : undefined}
          className={cn(
            "-mb-px inline-flex min-h-11 items-center border-b-2 px-2 text-sm font-medium whitespace-nowrap sm:px-3",
            current === tab ? "border-primary text-foreground" : "border-transparent text-muted-foreground hover:text-foreground",
          )}
        >
          {t(tab)}
        </Link>
      ))}
    </nav>
  );
}
