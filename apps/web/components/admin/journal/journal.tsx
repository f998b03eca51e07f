"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { PageHeader } from "@/components/states";
import { Card, CardContent } from "@/components/ui/card";
import { NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { ACTIVITY_KINDS, type ActivityKind, type ActivityParams } from "@/lib/api/admin";
import { useClients } from "@/queries/clients";
import { useTeam } from "@/queries/admin-team";
import { ActivityList } from "./activity-list";
import { JournalTabs } from "./journal-tabs";
import { journalSearch, readJournalState } from "./journal-state";

function Filter({ id, label, value, onChange, children }: { id: string; label: string; value: string; onChange: (value: string) => void; children: React.ReactNode }) {
  return (
    <div className="flex min-w-0 flex-col gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      <NativeSelect id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        {children}
      </NativeSelect>
    </div>
  );
}

/** The audit log as sentences, filtered by client, person and kind; each row opens its diff. */
export function Journal() {
  const t = useTranslations("admin.journal");
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const state = useMemo(() => readJournalState(params), [params]);
  const clients = useClients();
  const team = useTeam();
  const go = (next: ActivityParams) => {
    const search = journalSearch(next);
    router.push(search ? `${pathname}?${search}` : pathname, { scroll: false });
  };
  const filter = (change: Partial<ActivityParams>) => go({ ...state, ...change, page: 1 });

  return (
    <div>
      <PageHeader title={t("title")} description={t("intro")} />
      <JournalTabs />
      <div className="mb-4 grid gap-3 sm:grid-cols-3">
        <Filter id="journal-client" label={t("filters.client")} value={state.client ?? ""} onChange={(client) => filter({ client: client || undefined })}>
          <option value="">{t("filters.anyClient")}</option>
          {(clients.data?.results ?? []).map((client) => (
            <option key={client.id} value={client.id}>
              {client.name}
            </option>
          ))}
        </Filter>
        <Filter id="journal-actor" label={t("filters.actor")} value={state.actor ?? ""} onChange={(actor) => filter({ actor: actor || undefined })}>
          <option value="">{t("filters.anyActor")}</option>
          {(team.data?.members ?? []).map((member) => (
            <option key={member.id} value={member.id}>
              {member.full_name || member.email}
            </option>
          ))}
        </Filter>
        <Filter id="journal-kind" label={t("filters.kind")} value={state.kind ?? ""} onChange={(kind) => filter({ kind: (kind || undefined) as ActivityKind | undefined })}>
          <option value="">{t("filters.anyKind")}</option>
          {ACTIVITY_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`kinds.${kind}`)}
            </option>
          ))}
        </Filter>
      </div>
      <Card>
        <CardContent className="pt-2">
          <ActivityList params={state} onPage={(page) => go({ ...state, page })} />
        </CardContent>
      </Card>
    </div>
  );
}
