"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Input, NativeSelect } from "@/components/ui/input";
import { useTeam } from "@/queries/admin-team";
import { useProjects } from "@/queries/projects";
import { useClientChoices } from "./queries";

type SelectProps = Omit<React.ComponentProps<"select">, "value" | "onChange">;

/**
 * A client, by name: a menu of the first 100 active clients; past 100, a field above it narrows
 * the menu. The chosen client stays in the menu even when the search leaves it out.
 */
export function ClientPicker({
  value,
  onChange,
  selectedName,
  emptyLabel,
  ...props
}: SelectProps & { id: string; value: string; onChange: (id: string, name: string) => void; selectedName?: string; emptyLabel: string }) {
  const t = useTranslations("admin.projects.pickers");
  const [search, setSearch] = useState("");
  const clients = useClientChoices(search);
  const rows = clients.data?.results ?? [];
  const many = (clients.data?.count ?? 0) > rows.length || search !== "";
  const known = rows.some((client) => client.id === value);
  return (
    <div className="flex flex-col gap-2">
      {many ? (
        <Input
          type="search"
          aria-label={t("searchClient")}
          placeholder={t("searchClientPlaceholder")}
          value={search}
          onChange={(event) => setSearch(event.target.value.trimStart())}
        />
      ) : null}
      <NativeSelect
        {...props}
        value={value}
        onChange={(event) => onChange(event.target.value, event.target.selectedOptions[0]?.text ?? "")}
        aria-busy={clients.isPending || undefined}
      >
        <option value="">{clients.isPending ? t("loading") : emptyLabel}</option>
        {value && !known ? <option value={value}>{selectedName ?? t("chosenClient")}</option> : null}
        {rows.map((client) => (
          <option key={client.id} value={client.id}>
            {client.name}
          </option>
        ))}
      </NativeSelect>
    </div>
  );
}

/** The active NOURX staff (`GET /api/admin/team/`), by name. */
export function useStaffChoices() {
  const team = useTeam();
  const members = (team.data?.members ?? []).filter((member) => member.is_active).sort((a, b) => a.full_name.localeCompare(b.full_name));
  return { query: team, members };
}

/** A NOURX project manager (or none). */
export function ManagerPicker({
  value,
  onChange,
  emptyLabel,
  selectedName,
  ...props
}: SelectProps & { id: string; value: string; onChange: (id: string) => void; emptyLabel: string; selectedName?: string | null }) {
  const t = useTranslations("admin.projects.pickers");
  const { query, members } = useStaffChoices();
  const known = members.some((member) => member.id === value);
  return (
    <NativeSelect {...props} value={value} onChange={(event) => onChange(event.target.value)} aria-busy={query.isPending || undefined}>
      <option value="">{query.isPending ? t("loading") : emptyLabel}</option>
      {value && !known ? <option value={value}>{selectedName ?? t("formerStaff")}</option> : null}
      {members.map((member) => (
        <option key={member.id} value={member.id}>
          {member.full_name}
        </option>
      ))}
    </NativeSelect>
  );
}

/**
 * One of a client's projects (or none): disabled until a client is chosen. The chosen project
 * stays in the menu even when it is not among the client's first 100.
 */
export function ProjectPicker({
  clientId,
  value,
  onChange,
  emptyLabel,
  noClientLabel,
  selectedName,
  ...props
}: SelectProps & { id: string; clientId: string; value: string; onChange: (id: string) => void; emptyLabel: string; noClientLabel: string; selectedName?: string | null }) {
  const t = useTranslations("admin.projects.pickers");
  const projects = useProjects({ client: clientId || undefined });
  const rows = clientId ? [...(projects.data?.results ?? [])].sort((a, b) => a.name.localeCompare(b.name)) : [];
  const known = rows.some((project) => project.id === value);
  const loading = Boolean(clientId) && projects.isPending;
  return (
    <NativeSelect {...props} value={value} onChange={(event) => onChange(event.target.value)} disabled={!clientId || props.disabled} aria-busy={loading || undefined}>
      <option value="">{loading ? t("loading") : clientId ? emptyLabel : noClientLabel}</option>
      {value && !known ? <option value={value}>{selectedName ?? t("chosenProject")}</option> : null}
      {rows.map((project) => (
        <option key={project.id} value={project.id}>
          {project.name}
        </option>
      ))}
    </NativeSelect>
  );
}
