"use client";

import { Tabs } from "radix-ui";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { BackLink, PageHeader } from "@/components/states";
import { Alert } from "@/components/ui/alert";
import { isAdmin } from "@/lib/api/admin";
import { cn } from "@/lib/utils";
import { useMe } from "@/queries/me";
import { CannedReplies } from "./canned-replies";
import { Holidays } from "./holidays";
import { Hours } from "./hours";
import { SlaPolicies } from "./sla-policies";

/** The tabs, under their `?onglet=` names (French, as the page's address). */
export const SETTINGS_TABS = { politiques: "policies", horaires: "hours", feries: "holidays", reponses: "replies" } as const;
type TabSlug = keyof typeof SETTINGS_TABS;
const SLUGS = Object.keys(SETTINGS_TABS) as TabSlug[];

/**
 * The support desk's settings: SLA policies, business hours and holidays (admins change them,
 * staff read), canned replies (every member of staff).
 */
export function SupportSettings() {
  const t = useTranslations("admin.support-settings");
  const me = useMe();
  const canEdit = isAdmin(me.data);
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const asked = params.get("onglet");
  const current: TabSlug = SLUGS.includes(asked as TabSlug) ? (asked as TabSlug) : "politiques";
  const readOnly = me.data && !canEdit;

  return (
    <div className="flex flex-col">
      <BackLink href="/admin/support" label={t("back")} />
      <PageHeader title={t("title")} description={t("intro")} />
      <Tabs.Root
        value={current}
        onValueChange={(value) => {
          const next = new URLSearchParams(params);
          next.set("onglet", value);
          router.replace(`${pathname}?${next.toString()}`, { scroll: false });
        }}
      >
        <Tabs.List aria-label={t("tabs.label")} className="mb-4 flex flex-wrap gap-x-1 border-b">
          {SLUGS.map((slug) => (
            <Tabs.Trigger
              key={slug}
              value={slug}
              className={cn(
                "-mb-px inline-flex min-h-11 items-center border-b-2 border-transparent px-2 text-sm font-medium whitespace-nowrap text-muted-foreground sm:px-3",
                "hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring data-[state=active]:border-primary data-[state=active]:text-foreground",
              )}
            >
              {t(`tabs.${SETTINGS_TABS[slug]}`)}
            </Tabs.Trigger>
          ))}
        </Tabs.List>
        {readOnly && current !== "reponses" ? (
          <Alert tone="info" className="mb-4" data-testid="read-only-note">
            {t("readOnly")}
          </Alert>
        ) : null}
        <Tabs.Content value="politiques" className="focus-visible:outline-2 focus-visible:outline-ring">
          <SlaPolicies canEdit={canEdit} />
        </Tabs.Content>
        <Tabs.Content value="horaires" className="focus-visible:outline-2 focus-visible:outline-ring">
          <Hours canEdit={canEdit} />
        </Tabs.Content>
        <Tabs.Content value="feries" className="focus-visible:outline-2 focus-visible:outline-ring">
          <Holidays canEdit={canEdit} />
        </Tabs.Content>
        <Tabs.Content value="reponses" className="focus-visible:outline-2 focus-visible:outline-ring">
          <CannedReplies />
        </Tabs.Content>
      </Tabs.Root>
    </div>
  );
}
