import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap, type ApiClient } from "@/lib/api/client";

export const clientKeys = {
  all: ["clients"] as const,
  list: () => [...clientKeys.all, "list"] as const,
};

/** The clients the user belongs to (NOURX staff: all of them, first page). */
export function clientsQuery(client: ApiClient = api) {
  return queryOptions({
    queryKey: clientKeys.list(),
    queryFn: () => unwrap(client.GET("/api/clients/", { params: { query: { page_size: 100, ordering: "name" } } })),
    staleTime: 10 * 60_000,
  });
}

export function useClients(enabled = true) {
  return useQuery({ ...clientsQuery(), enabled });
}
