import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api/client";
import { adminClientKeys } from "@/queries/admin-clients";
import type { components } from "@/lib/api/schema";
import type { BoardQuery, ProspectsQuery } from "./list-state";
import { boardAfterMove, type Board, type Prospect } from "./pipeline";

type Schemas = components["schemas"];
export type ProspectWrite = Schemas["ProspectRequest"];
export type ActivityWrite = Schemas["ProspectActivityRequest"];

export const prospectKeys = {
  all: ["admin-prospects"] as const,
  /** Every board, whatever its filters: what a change invalidates. */
  board: () => [...prospectKeys.all, "board"] as const,
  /** The board for some filters (none: the whole pipeline). */
  boardOf: (query: BoardQuery) => [...prospectKeys.board(), query] as const,
  lists: () => [...prospectKeys.all, "list"] as const,
  list: (query: ProspectsQuery) => [...prospectKeys.lists(), query] as const,
  detail: (id: string) => [...prospectKeys.all, "detail", id] as const,
  activities: (id: string) => [...prospectKeys.all, "activities", id] as const,
};

/** The board (its stages, their totals and first cards) for some filters; the previous filters' board stays while the new one loads. */
export function usePipeline(query: BoardQuery = {}, enabled = true) {
  return useQuery({
    queryKey: prospectKeys.boardOf(query),
    queryFn: () => unwrap(api.GET("/api/admin/pipeline/", { params: { query } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useProspects(query: ProspectsQuery, enabled = true) {
  return useQuery({
    queryKey: prospectKeys.list(query),
    queryFn: () => unwrap(api.GET("/api/admin/prospects/", { params: { query } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useProspect(id: string) {
  return useQuery({
    queryKey: prospectKeys.detail(id),
    queryFn: () => unwrap(api.GET("/api/admin/prospects/{id}/", { params: { path: { id } } })),
  });
}

/** Any change: the prospect itself is set, the board and lists read again. */
function useChanged() {
  const queryClient = useQueryClient();
  return (prospect?: Prospect) => {
    if (prospect) queryClient.setQueryData(prospectKeys.detail(prospect.id), prospect);
    void queryClient.invalidateQueries({ queryKey: prospectKeys.board() });
    void queryClient.invalidateQueries({ queryKey: prospectKeys.lists() });
    if (prospect) void queryClient.invalidateQueries({ queryKey: prospectKeys.activities(prospect.id) });
  };
}

/** Creates a prospect (no `id`) or changes one. */
export function useSaveProspect(id?: string) {
  const changed = useChanged();
  return useMutation({
    mutationFn: (body: ProspectWrite) =>
      id
        ? unwrap(api.PATCH("/api/admin/prospects/{id}/", { params: { path: { id } }, body }))
        : unwrap(api.POST("/api/admin/prospects/", { body })),
    onSuccess: (prospect) => changed(prospect),
  });
}

export type ProspectMove = { prospect: Prospect; stageId: string; after?: string; reason?: string };

/**
 * A move shows at once on the board shown (`board`: its filters, none by default) and is put back
 * if the API refuses it; then every board and list reads again.
 */
export function useMoveProspect(board: BoardQuery = {}) {
  const queryClient = useQueryClient();
  const changed = useChanged();
  return useMutation({
    mutationFn: ({ prospect, stageId, after, reason }: ProspectMove) =>
      unwrap(
        api.POST("/api/admin/prospects/{id}/move/", {
          params: { path: { id: prospect.id } },
          body: { stage_id: stageId, ...(after ? { after } : {}), ...(reason ? { reason } : {}) },
        }),
      ),
    onMutate: async ({ prospect, stageId, after }) => {
      // No board's answer in flight may land over the move.
      await queryClient.cancelQueries({ queryKey: prospectKeys.board() });
      const key = prospectKeys.boardOf(board);
      const previous = queryClient.getQueryData<Board>(key);
      if (previous) queryClient.setQueryData(key, boardAfterMove(previous, prospect, stageId, after));
      return { key, previous };
    },
    onError: (_error, _move, context) => {
      if (context?.previous) queryClient.setQueryData(context.key, context.previous);
    },
    onSuccess: (prospect) => changed(prospect),
  });
}

export function useDeleteProspect(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE("/api/admin/prospects/{id}/", { params: { path: { id } } })),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: prospectKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: prospectKeys.board() });
      void queryClient.invalidateQueries({ queryKey: prospectKeys.lists() });
    },
  });
}

export function useActivities(id: string) {
  return useQuery({
    queryKey: prospectKeys.activities(id),
    queryFn: () => unwrap(api.GET("/api/admin/prospects/{id}/activities/", { params: { path: { id }, query: { page_size: 100 } } })),
  });
}

export function useLogActivity(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ActivityWrite) => unwrap(api.POST("/api/admin/prospects/{id}/activities/", { params: { path: { id } }, body })),
    onSuccess: () => {
      // The next follow-up may have changed with it.
      void queryClient.invalidateQueries({ queryKey: prospectKeys.all });
    },
  });
}

export function useQuoteClient(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST("/api/admin/prospects/{id}/quote-client/", { params: { path: { id } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: prospectKeys.detail(id) }),
  });
}

export function useConvertProspect(id: string) {
  const changed = useChanged();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST("/api/admin/prospects/{id}/convert/", { params: { path: { id } } })),
    onSuccess: (conversion) => {
      changed(conversion.prospect);
      void queryClient.invalidateQueries({ queryKey: adminClientKeys.all });
    },
  });
}
