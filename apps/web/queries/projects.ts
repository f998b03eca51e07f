import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap, type ApiClient } from "@/lib/api/client";
import type { ProjectStatus } from "@/lib/api/types";

export type ProjectFilters = { client?: string; status?: ProjectStatus };

export const projectKeys = {
  all: ["projects"] as const,
  list: (filters: ProjectFilters) => [...projectKeys.all, "list", filters] as const,
  detail: (id: string) => [...projectKeys.all, "detail", id] as const,
};

/** Also used by the server to prefetch a page (with its own client). */
export function projectsQuery(filters: ProjectFilters, client: ApiClient = api) {
  return queryOptions({
    queryKey: projectKeys.list(filters),
    queryFn: () =>
      unwrap(
        client.GET("/api/projects/", {
          params: { query: { ...filters, ordering: "-updated_at", page_size: 100 } },
        }),
      ),
  });
}

export function useProjects(filters: ProjectFilters) {
  return useQuery(projectsQuery(filters));
}

export function useProject(id: string) {
  return useQuery({
    queryKey: projectKeys.detail(id),
    queryFn: () => unwrap(api.GET("/api/projects/{id}/", { params: { path: { id } } })),
  });
}
