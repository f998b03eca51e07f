import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api/client";
import { documentKeys } from "./documents";

/**
 * Under the documents' list keys on purpose: an upload that completes and a deletion invalidate
 * the lists, and with them the usage they change.
 */
export const storageKeys = {
  usage: (clientId: string) => [...documentKeys.lists(), "storage", clientId] as const,
};

/** What the client's documents take in the storage, and its quota (`quota_bytes: null`: none). */
export function useStorageUsage(clientId: string | undefined) {
  return useQuery({
    queryKey: storageKeys.usage(clientId ?? ""),
    queryFn: ({ signal }) =>
      unwrap(api.GET("/api/clients/{id}/storage/", { params: { path: { id: clientId ?? "" } }, signal })),
    enabled: Boolean(clientId),
    staleTime: 60_000,
  });
}
