/**
 * The back-office endpoints of issue 14 (/work/notes/api-14.md) that lib/api/schema.d.ts does not
 * describe yet. Hand-written types and calls in this one file: once the API is merged and the
 * schema regenerated, the types below become aliases of `components["schemas"][…]` and the calls
 * go through the typed client, without touching the pages.
 */
import { api, unwrap, type ApiClient } from "./client";
import type { components } from "./schema";
import type { Client, Locale, Me } from "./types";

type MemberRole = components["schemas"]["MemberRole"];

/** A `Page<T>` of the API. */
export type Page<T> = { count: number; next: string | null; previous: string | null; results: T[] };

/** `admin` does everything; `staff` everything but settings, team and payment settings. */
export type StaffRole = "admin" | "staff";

export const CLIENT_SIZES = ["solo", "small", "medium", "large"] as const;
export type ClientSize = (typeof CLIENT_SIZES)[number];

/** A client as staff read it: the profile plus segmentation and balances (XOF, no decimals). */
export type AdminClient = Client & {
  sector?: string | null;
  tags?: string[];
  size?: ClientSize | null;
  partial_payments_allowed?: boolean;
  outstanding?: number;
  overdue?: number;
  member_count?: number;
  project_count?: number;
};

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

export type InvitationStatus = "pending" | "accepted" | "expired" | "revoked";
export const INVITATION_STATUSES: InvitationStatus[] = ["pending", "accepted", "expired", "revoked"];

export type PersonRef = { id: string; name: string };

export type ClientInvitation = {
  id: string;
  email: string;
  role: MemberRole;
  status: InvitationStatus;
  expires_at: string;
  created_at: string;
  invited_by: PersonRef | null;
};

export type SavedFilter = { id: string; scope: string; name: string; query: string };

export type TeamMember = {
  id: string;
  email: string;
  full_name: string;
  role: StaffRole;
  is_active: boolean;
  two_factor_enabled: boolean;
  last_login_at: string | null;
  created_at: string;
};

export type StaffInvitation = {
  id: string;
  email: string;
  full_name?: string | null;
  role: StaffRole;
  status?: InvitationStatus;
  expires_at?: string | null;
  created_at?: string | null;
};

export type Team = { members: TeamMember[]; invitations: StaffInvitation[] };

export type StaffInvite = { email: string; full_name: string; role: StaffRole; locale: Locale };

export const ACTIVITY_KINDS = ["billing", "payments", "projects", "support", "clients", "accounts"] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** `{field: [before, after]}` for a change, `{field: value}` for a creation, `{}` otherwise. */
export type AuditDiff = Record<string, unknown>;

export type ActivityEntry = {
  id: number;
  at: string;
  actor: PersonRef | null;
  client: PersonRef | null;
  kind: ActivityKind;
  sentence: string;
  href: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  diff: AuditDiff;
};

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

/**
 * `GET /api/admin/team/` answers the staff and the pending staff invitations; accept the two
 * shapes the contract allows (one array mixing both, or `{members|staff, invitations}`).
 */
export function normalizeTeam(raw: unknown): Team {
  const isInvitation = (row: Record<string, unknown>) => "expires_at" in row && !("is_active" in row);
  if (Array.isArray(raw)) {
    const rows = raw as Record<string, unknown>[];
    return {
      members: rows.filter((row) => !isInvitation(row)) as TeamMember[],
      invitations: rows.filter(isInvitation) as StaffInvitation[],
    };
  }
  const body = (raw ?? {}) as Record<string, unknown>;
  const members = (body.members ?? body.staff ?? body.results ?? []) as TeamMember[];
  const invitations = (body.invitations ?? []) as StaffInvitation[];
  return { members, invitations };
}

/** Drops empty values so that the query string only carries the filters in use. */
function query(params: Record<string, unknown>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === "" || value === false) continue;
    out[key] = value as string | number | boolean;
  }
  return out;
}

type Init = { params?: { path?: Record<string, string>; query?: Record<string, string | number | boolean> }; body?: unknown };
type Result = Promise<{ data?: unknown; error?: unknown; response: Response }>;
/** The same client (CSRF, language, 401 handling), for paths the generated schema lacks. */
type UntypedClient = Record<"GET" | "POST" | "PATCH" | "DELETE", (path: string, init?: Init) => Result>;

function untyped(client: ApiClient): UntypedClient {
  return client as unknown as UntypedClient;
}

/** The back-office calls, over `client` (the browser's by default). */
export function adminApi(client: ApiClient = api) {
  const c = untyped(client);
  const id = (value: string) => ({ id: value });
  return {
    clients: {
      list: (params: ClientListParams) =>
        unwrap(c.GET("/api/clients/", { params: { query: query(params) } })) as Promise<Page<AdminClient>>,
      get: (clientId: string) =>
        unwrap(c.GET("/api/clients/{id}/", { params: { path: id(clientId) } })) as Promise<AdminClient>,
      create: (body: ClientWrite) => unwrap(c.POST("/api/clients/", { body })) as Promise<AdminClient>,
      update: (clientId: string, body: Partial<ClientWrite>) =>
        unwrap(c.PATCH("/api/clients/{id}/", { params: { path: id(clientId) }, body })) as Promise<AdminClient>,
      archive: (clientId: string) =>
        unwrap(c.POST("/api/clients/{id}/archive/", { params: { path: id(clientId) } })) as Promise<AdminClient>,
      restore: (clientId: string) =>
        unwrap(c.POST("/api/clients/{id}/restore/", { params: { path: id(clientId) } })) as Promise<AdminClient>,
      remove: (clientId: string) =>
        unwrap(c.DELETE("/api/clients/{id}/", { params: { path: id(clientId) } })) as Promise<void>,
    },
    invitations: {
      list: (clientId: string) =>
        unwrap(c.GET("/api/clients/{id}/invitations/", { params: { path: id(clientId) } })) as Promise<ClientInvitation[]>,
      resend: (clientId: string, invitationId: string) =>
        unwrap(
          c.POST("/api/clients/{id}/invitations/{invitation_id}/resend/", {
            params: { path: { id: clientId, invitation_id: invitationId } },
          }),
        ) as Promise<ClientInvitation>,
      revoke: (clientId: string, invitationId: string) =>
        unwrap(
          c.DELETE("/api/clients/{id}/invitations/{invitation_id}/", {
            params: { path: { id: clientId, invitation_id: invitationId } },
          }),
        ) as Promise<void>,
    },
    savedFilters: {
      list: (scope: string) =>
        unwrap(c.GET("/api/admin/saved-filters/", { params: { query: { scope } } })) as Promise<SavedFilter[]>,
      create: (body: Omit<SavedFilter, "id">) => unwrap(c.POST("/api/admin/saved-filters/", { body })) as Promise<SavedFilter>,
      remove: (filterId: string) =>
        unwrap(c.DELETE("/api/admin/saved-filters/{id}/", { params: { path: id(filterId) } })) as Promise<void>,
    },
    team: {
      list: async () => normalizeTeam(await unwrap(c.GET("/api/admin/team/"))),
      invite: (body: StaffInvite) => unwrap(c.POST("/api/admin/team/invitations/", { body })) as Promise<StaffInvitation>,
      resend: (invitationId: string) =>
        unwrap(c.POST("/api/admin/team/invitations/{id}/resend/", { params: { path: id(invitationId) } })) as Promise<StaffInvitation>,
      revoke: (invitationId: string) =>
        unwrap(c.DELETE("/api/admin/team/invitations/{id}/", { params: { path: id(invitationId) } })) as Promise<void>,
      /** Role change and deactivation go through the existing `PATCH /api/admin/users/{id}/`. */
      update: (userId: string, body: { role?: StaffRole; is_active?: boolean }) =>
        unwrap(c.PATCH("/api/admin/users/{id}/", { params: { path: id(userId) }, body })) as Promise<unknown>,
    },
    activity: {
      list: (params: ActivityParams) =>
        unwrap(c.GET("/api/admin/activity/", { params: { query: query(params) } })) as Promise<Page<ActivityEntry>>,
    },
  };
}
