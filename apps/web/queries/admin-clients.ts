import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { adminApi, type ClientListParams, type ClientWrite, type SavedFilter } from "@/lib/api/admin";
import { api, unwrap } from "@/lib/api/client";
import type { components } from "@/lib/api/schema";
import { clientKeys } from "./clients";

type MemberRole = components["schemas"]["MemberRole"];

/** The back-office's client data; keys under `clients` so the portal's client list refreshes too. */
export const adminClientKeys = {
  all: clientKeys.all,
  lists: () => [...clientKeys.all, "admin-list"] as const,
  list: (params: ClientListParams) => [...adminClientKeys.lists(), params] as const,
  detail: (id: string) => [...clientKeys.all, "detail", id] as const,
  members: (id: string) => [...clientKeys.all, "members", id] as const,
  invitations: (id: string) => [...clientKeys.all, "invitations", id] as const,
  savedFilters: (scope: string) => ["saved-filters", scope] as const,
};

export function useAdminClients(params: ClientListParams) {
  // The previous page stays on screen while the next one loads (no flash of skeleton on paging).
  return useQuery({
    queryKey: adminClientKeys.list(params),
    queryFn: () => adminApi().clients.list(params),
    placeholderData: keepPreviousData,
  });
}

export function useAdminClient(id: string) {
  return useQuery({ queryKey: adminClientKeys.detail(id), queryFn: () => adminApi().clients.get(id) });
}

/** Creating, changing, archiving or restoring a client: the lists and the record are fetched again. */
export function useSaveClient(id?: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ClientWrite | Partial<ClientWrite>) =>
      id ? adminApi().clients.update(id, body) : adminApi().clients.create(body as ClientWrite),
    onSuccess: (client) => {
      queryClient.setQueryData(adminClientKeys.detail(client.id), client);
      return queryClient.invalidateQueries({ queryKey: clientKeys.all });
    },
  });
}

export function useClientStatus(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: "archive" | "restore") =>
      action === "archive" ? adminApi().clients.archive(id) : adminApi().clients.restore(id),
    onSuccess: (client) => {
      queryClient.setQueryData(adminClientKeys.detail(id), client);
      return queryClient.invalidateQueries({ queryKey: adminClientKeys.lists() });
    },
  });
}

export function useDeleteClient(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => adminApi().clients.remove(id),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: adminClientKeys.detail(id) });
      return queryClient.invalidateQueries({ queryKey: adminClientKeys.lists() });
    },
  });
}

export function useClientInvitations(id: string) {
  return useQuery({ queryKey: adminClientKeys.invitations(id), queryFn: () => adminApi().invitations.list(id) });
}

/** Resend or revoke an invitation; the invitations and the members are read again. */
export function useInvitationAction(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, invitationId }: { action: "resend" | "revoke"; invitationId: string }): Promise<unknown> =>
      action === "resend"
        ? adminApi().invitations.resend(clientId, invitationId)
        : adminApi().invitations.revoke(clientId, invitationId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminClientKeys.invitations(clientId) }),
  });
}

export function useSavedFilters(scope: SavedFilter["scope"]) {
  return useQuery({ queryKey: adminClientKeys.savedFilters(scope), queryFn: () => adminApi().savedFilters.list(scope) });
}

export function useSaveFilter(scope: SavedFilter["scope"]) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; query: string }) => adminApi().savedFilters.create({ scope, ...body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminClientKeys.savedFilters(scope) }),
  });
}

export function useDeleteFilter(scope: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => adminApi().savedFilters.remove(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminClientKeys.savedFilters(scope) }),
  });
}

/** The people of a client (existing `GET /api/clients/{id}/members/`). */
export function useClientMembers(id: string) {
  return useQuery({
    queryKey: adminClientKeys.members(id),
    queryFn: () => unwrap(api.GET("/api/clients/{id}/members/", { params: { path: { id } } })),
  });
}

/** Invites a contact (existing `POST /api/clients/{id}/members/`): the invitations are read again. */
export function useInviteContact(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; role: MemberRole }) =>
      unwrap(api.POST("/api/clients/{id}/members/", { params: { path: { id } }, body })),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: adminClientKeys.invitations(id) }),
        queryClient.invalidateQueries({ queryKey: adminClientKeys.members(id) }),
      ]),
  });
}

export function useChangeMemberRole(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: MemberRole }) =>
      unwrap(api.PATCH("/api/clients/{id}/members/{user_id}/", { params: { path: { id, user_id: userId } }, body: { role } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminClientKeys.members(id) }),
  });
}

/** How many records of each kind the 360° page shows before "see all". */
export const RECORDS_PREVIEW = 10;

/** The latest records of one client, for the 360° page: each list endpoint filtered by `client=`. */
export function useClientRecords(client: string) {
  const query = { client, page_size: RECORDS_PREVIEW };
  const projects = useQuery({
    queryKey: ["projects", "list", "admin-client", client],
    queryFn: () => unwrap(api.GET("/api/projects/", { params: { query: { ...query, ordering: "-created_at" } } })),
  });
  const quotes = useQuery({
    queryKey: ["quotes", "list", "admin-client", client],
    queryFn: () => unwrap(api.GET("/api/quotes/", { params: { query: { ...query, ordering: "-issue_date" } } })),
  });
  const invoices = useQuery({
    queryKey: ["invoices", "list", "admin-client", client],
    queryFn: () => unwrap(api.GET("/api/invoices/", { params: { query: { ...query, ordering: "-issue_date" } } })),
  });
  const payments = useQuery({
    queryKey: ["payments", "list", "admin-client", client],
    queryFn: () => unwrap(api.GET("/api/payments/", { params: { query } })),
  });
  const tickets = useQuery({
    queryKey: ["tickets", "list", "admin-client", client],
    queryFn: () => unwrap(api.GET("/api/tickets/", { params: { query: { ...query, ordering: "-created_at" } } })),
  });
  const documents = useQuery({
    queryKey: ["documents", "list", "admin-client", client],
    queryFn: () => unwrap(api.GET("/api/documents/", { params: { query: { ...query, ordering: "-created_at" } } })),
  });
  return { projects, quotes, invoices, payments, tickets, documents };
}
