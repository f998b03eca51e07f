import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api/client";
import type { components, operations } from "@/lib/api/schema";
import type { Task, TaskStatus } from "@/lib/api/types";
import { TASK_STATUSES } from "@/lib/api/types";
import { placeInColumn, type BoardNeighbours } from "@/lib/global-board";
import { milestoneKeys } from "./milestones";
import { projectKeys } from "./projects";
import { taskKeys } from "./tasks";

type TaskPage = components["schemas"]["Page_TaskDto"];
/** The query of `GET /api/tasks/`, as the generated schema has it. */
export type TaskQuery = NonNullable<operations["list_tasks"]["parameters"]["query"]>;

function listTasks(query: TaskQuery) {
  return unwrap(api.GET("/api/tasks/", { params: { query } }));
}

/** The staff's board and list, under `tasks` so that every task change refreshes them too. */
export const adminTaskKeys = {
  columns: () => [...taskKeys.all, "admin-column"] as const,
  column: (query: TaskQuery) => [...adminTaskKeys.columns(), query] as const,
  list: (query: TaskQuery) => [...taskKeys.all, "admin-list", query] as const,
  workload: () => [...taskKeys.all, "workload"] as const,
};

/** The board's five columns, each its own page (a global column can hold thousands of tasks). */
export function useBoardColumns(queries: Record<TaskStatus, TaskQuery>, enabled = true) {
  return useQueries({
    queries: TASK_STATUSES.map((status) => ({
      queryKey: adminTaskKeys.column(queries[status]),
      queryFn: () => listTasks(queries[status]),
      placeholderData: keepPreviousData,
      enabled,
    })),
    combine: (results) => ({
      tasks: results.flatMap((r) => r.data?.results ?? []),
      totals: Object.fromEntries(TASK_STATUSES.map((s, i) => [s, results[i].data?.count])) as Record<TaskStatus, number | undefined>,
      isPending: results.some((r) => r.isPending),
      isError: results.some((r) => r.isError),
      error: results.find((r) => r.error)?.error ?? null,
      isPlaceholderData: results.some((r) => r.isPlaceholderData),
      data: results.every((r) => r.data) ? true : undefined,
      refetch: () => Promise.all(results.map((r) => r.refetch())),
    }),
  });
}

export function useTaskList(query: TaskQuery, enabled = true) {
  return useQuery({ queryKey: adminTaskKeys.list(query), queryFn: () => listTasks(query), placeholderData: keepPreviousData, enabled });
}

function refreshTasks(queryClient: ReturnType<typeof useQueryClient>) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: taskKeys.all }),
    queryClient.invalidateQueries({ queryKey: projectKeys.all }),
    queryClient.invalidateQueries({ queryKey: milestoneKeys.all }),
  ]);
}

export type BoardMove = { task: Task; status: TaskStatus; neighbours: BoardNeighbours };

/**
 * A move on the global board: the card shows in its new place at once in every cached column,
 * and goes back if the API refuses.
 */
export function useBoardMove() {
  const queryClient = useQueryClient();
  return useMutation({
    // The global board's own order: beside a neighbour (none: the end of an empty column); the
    // status too when the column changes. The project's order, the client's, keeps its place.
    mutationFn: ({ task, status, neighbours }: BoardMove) =>
      unwrap(
        api.PATCH("/api/tasks/{id}/", {
          params: { path: { id: task.id } },
          body: { ...(status !== task.status ? { status } : {}), ...neighbours },
        }),
      ),
    onMutate: async ({ task, status, neighbours }) => {
      await queryClient.cancelQueries({ queryKey: taskKeys.all });
      const columns = queryClient.getQueriesData<TaskPage>({ queryKey: adminTaskKeys.columns() });
      for (const [key, page] of columns) {
        const columnStatus = (key[2] as TaskQuery | undefined)?.status as TaskStatus | undefined;
        if (!page || !columnStatus) continue;
        const results = placeInColumn(page.results, columnStatus, task, status, neighbours);
        const had = page.results.some((t) => t.id === task.id);
        const has = results.some((t) => t.id === task.id);
        queryClient.setQueryData<TaskPage>(key, { ...page, results, count: page.count + Number(has) - Number(had) });
      }
      return { columns };
    },
    onError: (_error, _move, context) => {
      for (const [key, page] of context?.columns ?? []) queryClient.setQueryData(key, page);
    },
    onSettled: () => refreshTasks(queryClient),
  });
}

/** The most tasks `POST /api/tasks/assign/` takes at once. */
export const ASSIGN_BATCH = 100;

/**
 * Gives tasks to a staff member (or to nobody with `null`): one request per 100 tasks, each all
 * or nothing.
 */
export function useAssignTasks() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ taskIds, assignee }: { taskIds: string[]; assignee: string | null }) => {
      const tasks: Task[] = [];
      for (let at = 0; at < taskIds.length; at += ASSIGN_BATCH) {
        const batch = taskIds.slice(at, at + ASSIGN_BATCH);
        tasks.push(...(await unwrap(api.POST("/api/tasks/assign/", { body: { task_ids: batch, assigned_to: assignee } }))).results);
      }
      return tasks;
    },
    onSettled: () => refreshTasks(queryClient),
  });
}

/** Open, late and due-this-week tasks per person, counted by the API over every task. */
export function useWorkload() {
  return useQuery({
    queryKey: adminTaskKeys.workload(),
    queryFn: () => unwrap(api.GET("/api/admin/workload/")),
  });
}

export type TaskWrite = components["schemas"]["CreateTaskRequest"];
export type TaskChanges = components["schemas"]["UpdateTaskRequest"];

/** Creates a task, or changes the one `id` names. */
export function useSaveTask(id?: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TaskWrite | TaskChanges): Promise<Task> =>
      id
        ? unwrap(api.PATCH("/api/tasks/{id}/", { params: { path: { id } }, body: body as TaskChanges }))
        : unwrap(api.POST("/api/tasks/", { body: body as TaskWrite })),
    onSuccess: (task) => {
      queryClient.setQueryData(taskKeys.detail(task.id), task);
      return refreshTasks(queryClient);
    },
  });
}
