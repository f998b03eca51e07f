"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api/client";
import type { components } from "@/lib/api/schema";

export type TopicPreference = components["schemas"]["TopicPreferenceDto"];
export type TopicChoice = components["schemas"]["TopicPreferenceRequest"];

export const notificationPreferenceKeys = { all: ["notification-preferences"] as const };

export function useNotificationPreferences() {
  return useQuery({
    queryKey: notificationPreferenceKeys.all,
    queryFn: ({ signal }) => unwrap(api.GET("/api/me/notification-preferences/", { signal })),
  });
}

/** Saves one topic's choice; the list on screen shows it at once and goes back on an error. */
export function useSaveNotificationPreference() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (choice: TopicChoice) =>
      unwrap(api.PUT("/api/me/notification-preferences/", { body: { preferences: [choice] } })),
    onMutate: async (choice) => {
      await queryClient.cancelQueries({ queryKey: notificationPreferenceKeys.all });
      const before = queryClient.getQueryData<TopicPreference[]>(notificationPreferenceKeys.all);
      queryClient.setQueryData<TopicPreference[]>(notificationPreferenceKeys.all, (list) =>
        list?.map((item) => (item.topic === choice.topic ? { ...item, ...choice, default: false } : item)),
      );
      return { before };
    },
    onError: (_error, _choice, context) => queryClient.setQueryData(notificationPreferenceKeys.all, context?.before),
    onSuccess: (list) => queryClient.setQueryData(notificationPreferenceKeys.all, list),
  });
}
