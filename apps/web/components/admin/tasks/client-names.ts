"use client";

import { useCallback, useMemo } from "react";
import { useAdminClients } from "@/queries/admin-clients";

/**
 * A client's name from its id, for the cards (the 100 first clients by name, the same list as
 * the filter's). API: `client_name` on each task replaces it.
 */
export function useClientNames() {
  const clients = useAdminClients({ ordering: "name", page_size: 100 });
  const names = useMemo(() => new Map((clients.data?.results ?? []).map((client) => [client.id, client.name])), [clients.data]);
  return useCallback((id: string) => names.get(id) ?? "…", [names]);
}
