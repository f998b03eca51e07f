import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api/client";
import type { components } from "@/lib/api/schema";
import type { Ticket } from "@/lib/api/types";
import { ticketKeys } from "@/queries/tickets";
import type { InboxQuery } from "./list-state";

type Schemas = components["schemas"];
export type TicketChange = Schemas["UpdateTicketRequest"];
export type BulkTicketChange = Omit<Schemas["BulkTicketRequest"], "ids">;
export type SlaEvent = Schemas["SlaEventDto"];

/** The inbox shares the tickets' keys: a reply or a change anywhere refreshes it. */
export const supportKeys = {
  inbox: (params: InboxQuery) => [...ticketKeys.lists(), "inbox", params] as const,
  slaEvents: (id: string) => [...ticketKeys.all, "sla-events", id] as const,
  canned: (search: string) => ["admin-canned-replies", search] as const,
  clientInvoices: (clientId: string) => ["invoices", "list", "ticket-client", clientId] as const,
  project: (id: string) => ["projects", "detail", id] as const,
};

export function useInbox(params: InboxQuery, enabled = true) {
  return useQuery({
    queryKey: supportKeys.inbox(params),
    queryFn: () => unwrap(api.GET("/api/tickets/", { params: { query: params } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

function useTicketsChanged() {
  const queryClient = useQueryClient();
  return (tickets: Ticket[]) => {
    for (const ticket of tickets) {
      queryClient.setQueryData(ticketKeys.detail(ticket.id), ticket);
      void queryClient.invalidateQueries({ queryKey: supportKeys.slaEvents(ticket.id) });
    }
    void queryClient.invalidateQueries({ queryKey: ticketKeys.lists() });
  };
}

export function useUpdateTicket(id: string) {
  const changed = useTicketsChanged();
  return useMutation({
    mutationFn: (body: TicketChange) => unwrap(api.PATCH("/api/tickets/{id}/", { params: { path: { id } }, body })),
    onSuccess: (ticket) => changed([ticket]),
  });
}

/** "M'assigner" from a row: any ticket, by id. */
export function useAssignTicket() {
  const changed = useTicketsChanged();
  return useMutation({
    mutationFn: ({ id, assignee }: { id: string; assignee: string | null }) =>
      unwrap(api.PATCH("/api/tickets/{id}/", { params: { path: { id } }, body: { assigned_to: assignee } })),
    onSuccess: (ticket) => changed([ticket]),
  });
}

/** All the tickets or none (a 409 names the ticket that refused). */
export function useBulkTickets() {
  const changed = useTicketsChanged();
  return useMutation({
    mutationFn: ({ ids, ...change }: BulkTicketChange & { ids: string[] }) => unwrap(api.POST("/api/admin/tickets/bulk/", { body: { ids, ...change } })),
    onSuccess: (response) => changed(response.results),
  });
}

export function useSlaEvents(id: string) {
  return useQuery({
    queryKey: supportKeys.slaEvents(id),
    queryFn: () => unwrap(api.GET("/api/admin/tickets/{id}/sla-events/", { params: { path: { id } } })),
  });
}

export function useCannedReplies(search = "") {
  return useQuery({
    queryKey: supportKeys.canned(search),
    queryFn: () => unwrap(api.GET("/api/admin/canned-replies/", { params: { query: search ? { search } : {} } })),
    staleTime: 60_000,
  });
}

/** A canned reply filled for the ticket (client, contact, number, subject, the agent's name). */
export function renderCannedReply(replyId: string, ticketId: string, language?: "fr" | "en") {
  return unwrap(
    api.GET("/api/admin/canned-replies/{id}/render/", { params: { path: { id: replyId }, query: { ticket: ticketId, ...(language ? { language } : {}) } } }),
  );
}

export function useClientInvoices(clientId: string) {
  return useQuery({
    queryKey: supportKeys.clientInvoices(clientId),
    queryFn: () => unwrap(api.GET("/api/invoices/", { params: { query: { client: clientId, ordering: "-issue_date", page_size: 5 } } })),
  });
}

export function useProject(id: string | null | undefined) {
  return useQuery({
    queryKey: supportKeys.project(id ?? ""),
    queryFn: () => unwrap(api.GET("/api/projects/{id}/", { params: { path: { id: id! } } })),
    enabled: Boolean(id),
  });
}
