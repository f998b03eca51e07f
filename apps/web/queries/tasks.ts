import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap, type ApiClient } from "@/lib/api/client";
import type { Priority, Task, TaskStatus } from "@/lib/api/types";
import { applyMove } from "@/lib/kanban";
import { projectKeys } from "./projects";
import { milestoneKeys } from "./milestones";

export type TaskFilters = {
  client?: string;
  project?: string;
  status?: TaskStatus;
  priority?: Priority;
  assigned_to?: string;
};

type TaskPage = { count: number; next?: string | null; previous?: string | null; results: Task[] };

export const taskKeys = {
  all: ["tasks"] as const,
  lists: () => [...taskKeys.all, "list"] as const,
  list: (filters: TaskFilters) => [...taskKeys.lists(), filters] as const,
  detail: (id: string) => [...taskKeys.all, "detail", id] as const,
};

/** A board or list: one page of 100 in kanban order (a project rarely has more). */
export function tasksQuery(filters: TaskFilters, client: ApiClient = api) {
  return queryOptions({
    queryKey: taskKeys.list(filters),
    queryFn: () =>
      unwrap(client.GET("/api/tasks/", { params: { query: { ...filters, ordering: "position", page_size: 100 } } })),
  });
}

export function useTasks(filters: TaskFilters, enabled = true) {
  return useQuery({ ...tasksQuery(filters), enabled });
}

export function useTask(id: string | null) {
  return useQuery({
    queryKey: taskKeys.detail(id ?? ""),
    queryFn: () => unwrap(api.GET("/api/tasks/{id}/", { params: { path: { id: id ?? "" } } })),
    enabled: Boolean(id),
  });
}

export type MoveTask = { task: Task; status: TaskStatus; position?: number };

/**
 * Moves a card: every cached list shows the move at once, and goes back as it was if the API
 * refuses (a 409 lists the statuses allowed from the current one).
 */
export function useMoveTask() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ task, status, position }: MoveTask) =>
      unwrap(
        api.PATCH("/api/tasks/{id}/", {
          params: { path: { id: task.id } },
          body: position === undefined ? { status } : { status, position },
        }),
      ),
    onMutate: async ({ task, status, position }) => {
      await queryClient.cancelQueries({ queryKey: taskKeys.all });
      const lists = queryClient.getQueriesData<TaskPage>({ queryKey: taskKeys.lists() });
      const detail = queryClient.getQueryData<Task>(taskKeys.detail(task.id));
      for (const [key, page] of lists) {
        if (!page?.results.some((t) => t.id === task.id)) continue;
        queryClient.setQueryData<TaskPage>(key, { ...page, results: applyMove(page.results, task.id, status, position) });
      }
      if (detail) queryClient.setQueryData<Task>(taskKeys.detail(task.id), { ...detail, status });
      return { lists, detail };
    },
    onError: (_error, { task }, context) => {
      for (const [key, page] of context?.lists ?? []) queryClient.setQueryData(key, page);
      if (context?.detail) queryClient.setQueryData(taskKeys.detail(task.id), context.detail);
    },
    onSuccess: (saved) => queryClient.setQueryData(taskKeys.detail(saved.id), saved),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: taskKeys.all });
      void queryClient.invalidateQueries({ queryKey: projectKeys.all });
      void queryClient.invalidateQueries({ queryKey: milestoneKeys.all });
    },
  });
}
