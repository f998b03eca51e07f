import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { adminApi } from "@/lib/api/admin";
import { api, unwrap } from "@/lib/api/client";
import type { operations } from "@/lib/api/schema";
import type { Milestone, MilestoneStatus, Project } from "@/lib/api/types";
import { adminClientKeys } from "@/queries/admin-clients";
import { milestoneKeys } from "@/queries/milestones";
import { projectKeys } from "@/queries/projects";
import { taskKeys } from "@/queries/tasks";
import type { ProjectListParams } from "./list-state";
import type { MilestoneCreate, MilestoneUpdate } from "./milestone-schema";
import type { ProjectCreate, ProjectUpdate } from "./project-schema";

type ProjectQuery = NonNullable<operations["list_projects"]["parameters"]["query"]>;

/** Every client's projects for staff, a page at a time; under `projects` so a change anywhere refreshes it. */
export function useStaffProjects(params: ProjectListParams) {
  const query: ProjectQuery = params;
  return useQuery({
    queryKey: [...projectKeys.all, "list", "staff", params] as const,
    queryFn: ({ signal }) => unwrap(api.GET("/api/projects/", { params: { query }, signal })),
    // The previous page stays on screen while the next one loads (no flash of skeleton on paging).
    placeholderData: keepPreviousData,
  });
}

/** Creates a project, or changes `id`: the lists are read again and the record is the API's answer. */
export function useSaveProject(id?: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ProjectCreate | ProjectUpdate): Promise<Project> =>
      id
        ? unwrap(api.PATCH("/api/projects/{id}/", { params: { path: { id } }, body: body as ProjectUpdate }))
        : unwrap(api.POST("/api/projects/", { body: body as ProjectCreate })),
    onSuccess: (project) => {
      queryClient.setQueryData(projectKeys.detail(project.id), project);
      return queryClient.invalidateQueries({ queryKey: projectKeys.all });
    },
  });
}

/** The clients a project can belong to, by name: the first 100 matching `search` (the picker narrows them). */
export function useClientChoices(search: string) {
  const params = { q: search || undefined, status: "active" as const, ordering: "name" as const, page_size: 100 };
  return useQuery({
    queryKey: adminClientKeys.list(params),
    queryFn: () => adminApi().clients.list(params),
    placeholderData: keepPreviousData,
  });
}

/** A project's milestones in their order (100 at most: a project has a handful). */
export function useProjectMilestones(projectId: string) {
  const filters = { project: projectId };
  return useQuery({
    queryKey: milestoneKeys.list(filters),
    queryFn: () => unwrap(api.GET("/api/milestones/", { params: { query: { ...filters, ordering: "position", page_size: 100 } } })),
  });
}

/** Milestones change the project's progress and the tasks' grouping: all three are read again. */
function useRefreshDelivery() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: milestoneKeys.all }),
      queryClient.invalidateQueries({ queryKey: projectKeys.all }),
      queryClient.invalidateQueries({ queryKey: taskKeys.all }),
    ]);
}

export function useSaveMilestone(id?: string) {
  const refresh = useRefreshDelivery();
  return useMutation({
    mutationFn: (body: MilestoneCreate | MilestoneUpdate): Promise<Milestone> =>
      id
        ? unwrap(api.PATCH("/api/milestones/{id}/", { params: { path: { id } }, body: body as MilestoneUpdate }))
        : unwrap(api.POST("/api/milestones/", { body: body as MilestoneCreate })),
    onSuccess: refresh,
  });
}

/** A status change from the editor ("Soumettre au client" is a move to `awaiting_approval`). */
export function useMilestoneStatus() {
  const refresh = useRefreshDelivery();
  return useMutation({
    mutationFn: ({ id, status }: { id: string; status: MilestoneStatus }) =>
      unwrap(api.PATCH("/api/milestones/{id}/", { params: { path: { id } }, body: { status } })),
    onSuccess: refresh,
  });
}
