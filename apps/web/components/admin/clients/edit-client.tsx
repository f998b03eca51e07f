"use client";

import { useTranslations } from "next-intl";
import { DetailSkeleton, RecordShell } from "@/components/record-shell";
import { BackLink, PageHeader } from "@/components/states";
import { ClientForm } from "@/components/admin/forms/client-form";
import { useAdminClient } from "@/queries/admin-clients";

export function EditClient({ id }: { id: string }) {
  const t = useTranslations("admin.clients");
  const client = useAdminClient(id);
  return (
    <div className="mx-auto flex max-w-3xl flex-col">
      <BackLink href={`/admin/clients/${id}`} label={t("backToClient")} />
      <RecordShell query={client} skeleton={<DetailSkeleton blocks={["h-64", "h-64"]} />}>
        {(data) => (
          <>
            <PageHeader title={t("form.editTitle")} description={data.name} />
            <ClientForm client={data} />
          </>
        )}
      </RecordShell>
    </div>
  );
}
