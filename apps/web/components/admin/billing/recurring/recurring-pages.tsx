"use client";

import { useTranslations } from "next-intl";
import { useQuery } from "@tanstack/react-query";
import { isUuid } from "@/components/admin/projects/list-state";
import { DetailSkeleton, RecordShell } from "@/components/record-shell";
import { BackLink, PageHeader } from "@/components/states";
import { adminApi } from "@/lib/api/admin";
import { adminClientKeys } from "@/queries/admin-clients";
import { useBillingSettings } from "../desk-queries";
import { RECURRING_PATH } from "../paths";
import { NotFoundState, StaffRecord } from "../record";
import { RecurringEditor, RecurringStatusPanel } from "./recurring-editor";
import { isEditable, newRecurringValues, recurringFormValues } from "./recurring-form";
import { useRecurring } from "./recurring-queries";

const SKELETON = <DetailSkeleton blocks={["h-40", "h-64", "h-40"]} />;

/** A new template; `?client=` chooses its client. */
export function NewRecurring({ clientId }: { clientId?: string }) {
  const t = useTranslations("admin.billing.recurring");
  const settings = useBillingSettings();
  const client = clientId && isUuid(clientId) ? clientId : undefined;
  const clientName = useQuery({
    queryKey: adminClientKeys.detail(client ?? ""),
    queryFn: () => adminApi().clients.get(client ?? ""),
    enabled: Boolean(client),
  });
  return (
    <div className="mx-auto flex w-full max-w-6xl flex-col">
      <BackLink href={RECURRING_PATH} label={t("backToList")} />
      <PageHeader title={t("newTitle")} description={t("newIntro")} />
      <RecordShell query={settings} skeleton={SKELETON}>
        {(data) => (
          <RecurringEditor
            settings={data}
            clientName={clientName.data?.name}
            defaults={newRecurringValues({ taxRate: data.default_tax_rate, paymentTerms: data.payment_terms, clientId: client })}
          />
        )}
      </RecordShell>
    </div>
  );
}

/** A template: its status, next date and invoices issued, its actions, and its editor while it runs. */
export function RecurringDetail({ id }: { id: string }) {
  const t = useTranslations("admin.billing.recurring");
  const template = useRecurring(id);
  const settings = useBillingSettings();
  return (
    <div className="mx-auto flex w-full max-w-6xl flex-col">
      <BackLink href={RECURRING_PATH} label={t("backToList")} />
      <StaffRecord query={template} notFound={<NotFoundState title={t("notFoundTitle")} text={t("notFoundText")} action={{ href: RECURRING_PATH, label: t("backToList") }} />}>
        {(data) => (
          <>
            <PageHeader title={data.title || t("untitled")} description={`${data.client_name} · ${t(`rhythm.${data.rhythm}`)}`} />
            <RecurringStatusPanel template={data} />
            {isEditable(data.status) ? (
              <RecordShell query={settings} skeleton={SKELETON}>
                {(billing) => <RecurringEditor key={`${data.id}-${data.status}`} template={data} settings={billing} defaults={recurringFormValues(data)} />}
              </RecordShell>
            ) : null}
          </>
        )}
      </StaffRecord>
    </div>
  );
}
