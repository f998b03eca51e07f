"use client";

import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap, type ApiClient } from "@/lib/api/client";
import type { components } from "@/lib/api/schema";

export type SessionDto = components["schemas"]["SessionDto"];

export const sessionKeys = {
  all: ["sessions"] as const,
};

export function sessionsQuery(client: ApiClient = api) {
  return queryOptions({
    queryKey: sessionKeys.all,
    queryFn: async ({ signal }) => (await unwrap(client.GET("/api/me/sessions/", { signal }))).results,
    staleTime: 30_000,
  });
}

export function useSessions() {
  return useQuery(sessionsQuery());
}

export function useRevokeSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE("/api/me/sessions/{id}/", { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionKeys.all }),
  });
}

export function useRevokeOtherSessions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST("/api/me/sessions/revoke-others/")),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionKeys.all }),
  });
}
