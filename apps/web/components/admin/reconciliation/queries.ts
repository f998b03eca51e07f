import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api/client";
import { sendRawBody, type RawUploadOptions } from "../raw-upload";
import { IMPORTS_PAGE_SIZE, type LinesState, type Reconciliation, linesQuery } from "./lines-state";
import { STATEMENT_CONTENT_TYPE, importUrl } from "./statement";

const path = (id: string) => ({ params: { path: { id } } });

export const reconciliationKeys = {
  all: ["reconciliations"] as const,
  list: (page: number) => [...reconciliationKeys.all, "list", page] as const,
  detail: (id: string) => [...reconciliationKeys.all, "detail", id] as const,
  lines: (id: string, state: LinesState) => [...reconciliationKeys.all, "lines", id, state] as const,
};

/** The imports, newest first, a page at a time. */
export function useImports(page: number) {
  return useQuery({
    queryKey: reconciliationKeys.list(page),
    queryFn: ({ signal }) => unwrap(api.GET("/api/admin/reconciliations/", { params: { query: { page, page_size: IMPORTS_PAGE_SIZE } }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useImport(id: string) {
  return useQuery({
    queryKey: reconciliationKeys.detail(id),
    queryFn: ({ signal }) => unwrap(api.GET("/api/admin/reconciliations/{id}/", { ...path(id), signal })),
  });
}

/** An import's lines for a filter and page (problems first, each in the file's order). */
export function useImportLines(id: string, state: LinesState) {
  return useQuery({
    queryKey: reconciliationKeys.lines(id, state),
    queryFn: ({ signal }) => unwrap(api.GET("/api/admin/reconciliations/{id}/lines/", { params: { path: { id }, query: linesQuery(state) }, signal })),
    // The previous page stays on screen while the next one loads.
    placeholderData: keepPreviousData,
  });
}

/** Sends a statement (the file as the body, its progress reported); the new import goes in the cache. */
export function useImportStatement() {
  const queryClient = useQueryClient();
  return async (file: File, period: { from: string; to: string }, options: RawUploadOptions = {}) => {
    const created = await sendRawBody<Reconciliation>("POST", importUrl(file.name, period.from, period.to), file, STATEMENT_CONTENT_TYPE, options);
    queryClient.setQueryData(reconciliationKeys.detail(created.id), created);
    void queryClient.invalidateQueries({ queryKey: [...reconciliationKeys.all, "list"] });
    return created;
  };
}
