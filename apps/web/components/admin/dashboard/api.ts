import { cache } from "react";
import { unwrap } from "@/lib/api/client";
import { isApiError } from "@/lib/api/errors";
import { serverApi } from "@/lib/api/server";
import { pendingClient, type JsonGet } from "@/components/admin/pending-api";
import { kpiQuery, type Period } from "./period";

// The shapes of api-14.md (KPIs, alerts, activity), until lib/api/schema.d.ts has them.

export const AGEING_BUCKETS = ["0_30", "31_60", "61_90", "90_plus"] as const;
export type AgeingBucketKey = (typeof AGEING_BUCKETS)[number];
export type AgeingBucket = { key: AgeingBucketKey; amount: number; count: number };
export type ChannelTotal = { key: string; amount: number; count: number };
export type OperatorTotal = { key: string; label: string; amount: number; count: number };
export type MonthTotal = { month: string; invoiced: number; collected: number };

export type Kpis = {
  period: { key: Period["key"]; from: string; to: string };
  currency: string;
  invoiced: number;
  collected: number;
  outstanding: number;
  overdue: { total: number; count: number; buckets: AgeingBucket[] };
  dso_days: number | null;
  payments_by_channel: ChannelTotal[];
  payments_by_operator: OperatorTotal[];
  active_projects: number;
  late_milestones: number;
  overdue_tasks: number;
  open_tickets: number;
  sla_compliance: number | null;
  median_first_response_minutes: number | null;
  monthly: MonthTotal[];
};

export type AlertSeverity = "critical" | "warning";
export type Alert = {
  kind: string;
  severity: AlertSeverity;
  entity: string;
  entity_id: string;
  title: string;
  detail: string | null;
  client_id: string | null;
  since: string;
  href: string;
};

export type ActivityEntry = {
  id: number;
  at: string;
  actor: { id: string; name: string } | null;
  client: { id: string; name: string } | null;
  kind: string;
  sentence: string;
  href: string | null;
  action: string;
  entity: string;
  entity_id: string;
};
type Page<T> = { count: number; next: string | null; previous: string | null; results: T[] };

type DashboardPaths = {
  "/api/admin/kpis/": JsonGet<{ period?: Period["key"]; from?: string; to?: string }, Kpis>;
  "/api/admin/alerts/": JsonGet<never, { count: number; results: Alert[] }>;
  "/api/admin/activity/": JsonGet<{ page?: number; page_size?: number }, Page<ActivityEntry>>;
};

/**
 * What a section of the dashboard got: its data; `missing` when the API does not have the route
 * (404: a server from before issue 14), shown as "not available yet"; `error` for anything else.
 */
export type Loaded<T> = { state: "ok"; data: T } | { state: "missing" } | { state: "error" };

async function load<T>(call: () => Promise<T>): Promise<Loaded<T>> {
  try {
    return { state: "ok", data: await call() };
  } catch (error) {
    if (isApiError(error) && error.status === 404) return { state: "missing" };
    if (!isApiError(error)) console.error("dashboard: API call failed", error);
    return { state: "error" };
  }
}

async function client() {
  return pendingClient<DashboardPaths>(await serverApi());
}

/** One request per render however many sections read the KPIs (`cache` keys on the string). */
const kpisFor = cache(async (query: string) => {
  const params = Object.fromEntries(new URLSearchParams(query)) as ReturnType<typeof kpiQuery>;
  return load(async () => unwrap((await client()).GET("/api/admin/kpis/", { params: { query: params } })));
});

export function fetchKpis(period: Period): Promise<Loaded<Kpis>> {
  return kpisFor(new URLSearchParams(kpiQuery(period)).toString());
}

export function fetchAlerts(): Promise<Loaded<{ count: number; results: Alert[] }>> {
  return load(async () => unwrap((await client()).GET("/api/admin/alerts/")));
}

export function fetchActivity(pageSize = 10): Promise<Loaded<Page<ActivityEntry>>> {
  return load(async () => unwrap((await client()).GET("/api/admin/activity/", { params: { query: { page_size: pageSize } } })));
}
