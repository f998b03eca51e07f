import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap, type ApiClient } from "@/lib/api/client";
import type { Me } from "@/lib/api/types";
import type { components } from "@/lib/api/schema";

export const meKeys = {
  all: ["me"] as const,
};

export function meQuery(client: ApiClient = api) {
  return queryOptions({
    queryKey: meKeys.all,
    queryFn: () => unwrap(client.GET("/api/me/")),
    staleTime: 5 * 60_000,
  });
}

export function useMe() {
  return useQuery(meQuery());
}

export function useUpdateMe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: components["schemas"]["UpdateMeRequest"]) => unwrap(api.PATCH("/api/me/", { body })),
    onSuccess: (me: Me) => queryClient.setQueryData(meKeys.all, me),
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: components["schemas"]["ChangePasswordRequest"]) =>
      unwrap(api.POST("/api/me/password/", { body })),
  });
}
