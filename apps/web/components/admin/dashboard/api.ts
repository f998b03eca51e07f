import { cache } from "react";
import { unwrap } from "@/lib/api/client";
import { isApiError } from "@/lib/api/errors";
import type { components } from "@/lib/api/schema";
import { serverApi } from "@/lib/api/server";
import { kpiQuery, type Period } from "./period";

type Schemas = components["schemas"];

/** The overdue buckets the dashboard draws, oldest last (`KpisDto.overdue.buckets[].key`). */
export const AGEING_BUCKETS = ["0_30", "31_60", "61_90", "90_plus"] as const;
export type AgeingBucketKey = (typeof AGEING_BUCKETS)[number];
export type AgeingBucket = Schemas["KeyedAmountDto"];
export type ChannelTotal = Schemas["KeyedAmountDto"];
export type OperatorTotal = Schemas["OperatorAmountDto"];
export type MonthTotal = Schemas["MonthDto"];
export type Kpis = Schemas["KpisDto"];
export type Alert = Schemas["AlertDto"];
export type AlertList = Schemas["AlertList"];
export type ActivityEntry = Schemas["ActivityDto"];
type ActivityPage = Schemas["Page_ActivityDto"];
export type FollowUpPage = Schemas["Page_ProspectDto"];
export type FollowUp = FollowUpPage["results"][number];

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

/** One request per render however many sections read the KPIs (`cache` keys on the string). */
const kpisFor = cache(async (query: string) => {
  const params = Object.fromEntries(new URLSearchParams(query)) as ReturnType<typeof kpiQuery>;
  return load(async () => unwrap((await serverApi()).GET("/api/admin/kpis/", { params: { query: params } })));
});

export function fetchKpis(period: Period): Promise<Loaded<Kpis>> {
  return kpisFor(new URLSearchParams(kpiQuery(period)).toString());
}

export function fetchAlerts(): Promise<Loaded<AlertList>> {
  return load(async () => unwrap((await serverApi()).GET("/api/admin/alerts/")));
}

export function fetchActivity(pageSize = 10): Promise<Loaded<ActivityPage>> {
  return load(async () => unwrap((await serverApi()).GET("/api/admin/activity/", { params: { query: { page_size: pageSize, kind: "business" } } })));
}

/** The caller's follow-ups due today or earlier, the oldest first (five of them, and how many in all). */
export function fetchFollowUps(pageSize = 5): Promise<Loaded<FollowUpPage>> {
  return load(async () =>
    unwrap(
      (await serverApi()).GET("/api/admin/prospects/", {
        params: { query: { owner: "me", follow_up: "due", ordering: "next_follow_up", page_size: pageSize } },
      }),
    ),
  );
}
