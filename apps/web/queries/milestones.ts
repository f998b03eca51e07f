import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap, type ApiClient } from "@/lib/api/client";

export type MilestoneFilters = { client?: string; project?: string };

export const milestoneKeys = {
  all: ["milestones"] as const,
  list: (filters: MilestoneFilters) => [...milestoneKeys.all, "list", filters] as const,
};

export function milestonesQuery(filters: MilestoneFilters, client: ApiClient = api) {
  return queryOptions({
    queryKey: milestoneKeys.list(filters),
    queryFn: () =>
      unwrap(client.GET("/api/milestones/", { params: { query: { ...filters, ordering: "due_date", page_size: 100 } } })),
  });
}

export function useMilestones(filters: MilestoneFilters) {
  return useQuery(milestonesQuery(filters));
}
