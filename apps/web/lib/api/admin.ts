/**
 * The back-office's calls and types: the generated ones (`components["schemas"]`) under the
 * names the pages use, and the stricter shapes the forms and filters write.
 */
import { api, unwrap, type ApiClient } from "./client";
import type { components } from "./schema";
import type { Locale, Me } from "./types";

type Schemas = components["schemas"];

/** `admin` does everything; `staff` everything but settings, team and payment settings. */
export type StaffRole = "admin" | "staff";

export type ClientSize = Schemas["ClientSize"];
export const CLIENT_SIZES = ["solo", "small", "medium", "large"] as const satisfies readonly ClientSize[];

/** A client as staff read it: the profile plus segmentation and balances (XOF, no decimals). */
export type AdminClient = Schemas["ClientDto"];

export const CLIENT_ORDERINGS = ["name", "-name", "outstanding", "-outstanding", "created_at", "-created_at"] as const;
export type ClientOrdering = (typeof CLIENT_ORDERINGS)[number];

export type ClientListParams = {
  q?: string;
  status?: "active" | "archived";
  city?: string;
  country?: string;
  sector?: string;
  tag?: string;
  has_overdue?: boolean;
  ordering?: ClientOrdering;
  page?: number;
  page_size?: number;
};

/** The fields of `POST /api/clients/` and `PATCH /api/clients/{id}/` that staff set. */
export type ClientWrite = {
  name: string;
  legal_name: string | null;
  tax_id: string | null;
  address: string | null;
  city: string | null;
  country: string;
  phone: string | null;
  billing_email: string | null;
  currency: string;
  language: Locale;
  sector: string | null;
  tags: string[];
  size: ClientSize | null;
  partial_payments_allowed: boolean;
};

export type InvitationStatus = Schemas["InvitationStatus"];
export const INVITATION_STATUSES: InvitationStatus[] = ["pending", "accepted", "expired", "revoked"];

export type ClientInvitation = Schemas["ClientInvitationDto"];

export type SavedFilter = Schemas["SavedFilterDto"];

export type TeamMember = Schemas["TeamMemberDto"];
export type StaffInvitation = Schemas["StaffInvitationDto"];
export type Team = Schemas["TeamResponse"];

export type StaffInvite = { email: string; full_name: string; role: StaffRole; locale: Locale };

export const ACTIVITY_KINDS = ["billing", "payments", "projects", "support", "clients", "accounts"] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export function isActivityKind(kind: string): kind is ActivityKind {
  return (ACTIVITY_KINDS as readonly string[]).includes(kind);
}

/** `{field: [before, after]}` for a change, `{field: value}` for a creation, `{}` otherwise. */
export type AuditDiff = Record<string, unknown>;

/** One line of `GET /api/admin/activity/`: `kind` is one of ACTIVITY_KINDS, `diff` an AuditDiff. */
export type ActivityEntry = Schemas["ActivityDto"];

export type ActivityParams = { client?: string; actor?: string; kind?: ActivityKind; page?: number; page_size?: number };

/** The role of the signed-in person as the back-office reads it (the schema still says admin|client). */
export function staffRole(me: Pick<Me, "role"> | undefined): StaffRole | null {
  const role = me?.role as string | undefined;
  return role === "admin" || role === "staff" ? role : null;
}

/** Whether the person may manage the team (and other admin-only settings). */
export function isAdmin(me: Pick<Me, "role"> | undefined): boolean {
  return staffRole(me) === "admin";
}

/** Drops empty values so that the query string only carries the filters in use. */
function query<T extends object>(params: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === "" || value === false) continue;
    out[key] = value;
  }
  return out as T;
}

/** The back-office calls, over `client` (the browser's by default). */
export function adminApi(c: ApiClient = api) {
  const id = (value: string) => ({ id: value });
  return {
    clients: {
      list: (params: ClientListParams) => unwrap(c.GET("/api/clients/", { params: { query: query(params) } })),
      get: (clientId: string) => unwrap(c.GET("/api/clients/{id}/", { params: { path: id(clientId) } })),
      create: (body: ClientWrite) => unwrap(c.POST("/api/clients/", { body })),
      update: (clientId: string, body: Partial<ClientWrite>) => unwrap(c.PATCH("/api/clients/{id}/", { params: { path: id(clientId) }, body })),
      archive: (clientId: string) => unwrap(c.POST("/api/clients/{id}/archive/", { params: { path: id(clientId) } })),
      restore: (clientId: string) => unwrap(c.POST("/api/clients/{id}/restore/", { params: { path: id(clientId) } })),
      remove: (clientId: string) => unwrap(c.DELETE("/api/clients/{id}/", { params: { path: id(clientId) } })) as Promise<void>,
    },
    invitations: {
      list: (clientId: string) => unwrap(c.GET("/api/clients/{id}/invitations/", { params: { path: id(clientId) } })),
      resend: (clientId: string, invitationId: string) =>
        unwrap(c.POST("/api/clients/{id}/invitations/{invitation_id}/resend/", { params: { path: { id: clientId, invitation_id: invitationId } } })),
      revoke: (clientId: string, invitationId: string) =>
        unwrap(c.DELETE("/api/clients/{id}/invitations/{invitation_id}/", { params: { path: { id: clientId, invitation_id: invitationId } } })) as Promise<void>,
    },
    savedFilters: {
      list: (scope: SavedFilter["scope"]) => unwrap(c.GET("/api/admin/saved-filters/", { params: { query: { scope } } })),
      create: (body: Omit<SavedFilter, "id">) => unwrap(c.POST("/api/admin/saved-filters/", { body })),
      remove: (filterId: string) => unwrap(c.DELETE("/api/admin/saved-filters/{id}/", { params: { path: id(filterId) } })) as Promise<void>,
    },
    team: {
      list: () => unwrap(c.GET("/api/admin/team/")),
      invite: (body: StaffInvite) => unwrap(c.POST("/api/admin/team/invitations/", { body })),
      resend: (invitationId: string) => unwrap(c.POST("/api/admin/team/invitations/{id}/resend/", { params: { path: id(invitationId) } })),
      revoke: (invitationId: string) => unwrap(c.DELETE("/api/admin/team/invitations/{id}/", { params: { path: id(invitationId) } })) as Promise<void>,
      /** Role change and deactivation go through the existing `PATCH /api/admin/users/{id}/`. */
      update: (userId: string, body: { role?: StaffRole; is_active?: boolean }) =>
        unwrap(c.PATCH("/api/admin/users/{id}/", { params: { path: id(userId) }, body })) as Promise<unknown>,
    },
    activity: {
      list: (params: ActivityParams) => unwrap(c.GET("/api/admin/activity/", { params: { query: query(params) } })),
    },
  };
}
