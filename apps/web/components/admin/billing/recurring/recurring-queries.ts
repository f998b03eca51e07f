import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api/client";
import type { Recurring, RecurringRequest } from "./recurring-form";

const byId = (id: string) => ({ path: { id } });

export const recurringKeys = {
  all: ["recurring-invoices"] as const,
  list: (params: object) => ["recurring-invoices", "list", params] as const,
  detail: (id: string) => ["recurring-invoices", "detail", id] as const,
};

export function useRecurringList(params: { status?: string; client?: string; page: number }) {
  return useQuery({
    queryKey: recurringKeys.list(params),
    queryFn: ({ signal }) => unwrap(api.GET("/api/admin/recurring-invoices/", { params: { query: params }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useRecurring(id: string) {
  return useQuery({
    queryKey: recurringKeys.detail(id),
    queryFn: () => unwrap(api.GET("/api/admin/recurring-invoices/{id}/", { params: byId(id) })),
  });
}

function useChanged() {
  const queryClient = useQueryClient();
  return (template: Recurring) => {
    queryClient.setQueryData(recurringKeys.detail(template.id), template);
    void queryClient.invalidateQueries({ queryKey: [...recurringKeys.all, "list"] });
  };
}

export function useSaveRecurring() {
  const changed = useChanged();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: RecurringRequest }) =>
      id
        ? unwrap(api.PATCH("/api/admin/recurring-invoices/{id}/", { params: byId(id), body }))
        : unwrap(api.POST("/api/admin/recurring-invoices/", { body })),
    onSuccess: changed,
  });
}

export function useRecurringStatus() {
  const changed = useChanged();
  return useMutation({
    mutationFn: ({ id, status }: { id: string; status: "paused" | "active" | "stopped" }) =>
      unwrap(api.POST("/api/admin/recurring-invoices/{id}/status/", { params: byId(id), body: { status } })),
    onSuccess: changed,
  });
}
