import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap, type ApiClient } from "@/lib/api/client";
import type { components } from "@/lib/api/schema";
import type { Priority, TicketStatus } from "@/lib/api/types";

export type TicketFilters = { client?: string; status?: TicketStatus; priority?: Priority; project?: string };

export const ticketKeys = {
  all: ["tickets"] as const,
  lists: () => [...ticketKeys.all, "list"] as const,
  list: (filters: TicketFilters) => [...ticketKeys.lists(), filters] as const,
  detail: (id: string) => [...ticketKeys.all, "detail", id] as const,
  messages: (id: string) => [...ticketKeys.all, "messages", id] as const,
};

export function ticketsQuery(filters: TicketFilters, client: ApiClient = api) {
  return queryOptions({
    queryKey: ticketKeys.list(filters),
    queryFn: () =>
      unwrap(client.GET("/api/tickets/", { params: { query: { ...filters, ordering: "-created_at", page_size: 100 } } })),
  });
}

export function useTickets(filters: TicketFilters) {
  return useQuery(ticketsQuery(filters));
}

export function useTicket(id: string) {
  return useQuery({
    queryKey: ticketKeys.detail(id),
    queryFn: () => unwrap(api.GET("/api/tickets/{id}/", { params: { path: { id } } })),
  });
}

export function useTicketMessages(id: string) {
  return useQuery({
    queryKey: ticketKeys.messages(id),
    queryFn: () =>
      unwrap(api.GET("/api/tickets/{id}/messages/", { params: { path: { id }, query: { page_size: 100 } } })),
  });
}

export function useCreateTicket() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: components["schemas"]["CreateTicketRequest"]) => unwrap(api.POST("/api/tickets/", { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ticketKeys.lists() }),
  });
}

export function useReplyToTicket(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: components["schemas"]["CreateTicketMessageRequest"]) =>
      unwrap(api.POST("/api/tickets/{id}/messages/", { params: { path: { id } }, body })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ticketKeys.messages(id) });
      void queryClient.invalidateQueries({ queryKey: ticketKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: ticketKeys.lists() });
    },
  });
}

/** Clients may only reopen (`open`) or close (`closed`) a resolved ticket. */
export function useSetTicketStatus(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (status: TicketStatus) =>
      unwrap(api.PATCH("/api/tickets/{id}/", { params: { path: { id } }, body: { status } })),
    onSuccess: (ticket) => {
      queryClient.setQueryData(ticketKeys.detail(id), ticket);
      void queryClient.invalidateQueries({ queryKey: ticketKeys.lists() });
    },
  });
}
