"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api/client";

export const commentKeys = {
  all: ["comments"] as const,
  list: (taskId: string) => [...commentKeys.all, taskId] as const,
};

export function useComments(taskId: string | null) {
  return useQuery({
    queryKey: commentKeys.list(taskId ?? ""),
    queryFn: () =>
      unwrap(api.GET("/api/tasks/{id}/comments/", { params: { path: { id: taskId ?? "" }, query: { page_size: 100 } } })),
    enabled: Boolean(taskId),
  });
}

export function useCreateComment(taskId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    /** A string from client users; staff may send `{ body, internal }`. */
    mutationFn: (comment: string | { body: string; internal?: boolean }) =>
      unwrap(
        api.POST("/api/tasks/{id}/comments/", {
          params: { path: { id: taskId } },
          body: typeof comment === "string" ? { body: comment } : comment,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: commentKeys.list(taskId) }),
  });
}
