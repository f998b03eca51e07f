import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api/client";
import type { PresignRequest } from "@/lib/api/types";

export type DocumentFilters = { client?: string; project?: string; search?: string };

export const documentKeys = {
  all: ["documents"] as const,
  lists: () => [...documentKeys.all, "list"] as const,
  list: (filters: DocumentFilters) => [...documentKeys.lists(), filters] as const,
};

/** A page is small: people on mobile data rarely need more than the latest files. */
export const DOCUMENTS_PAGE_SIZE = 20;

export function useDocuments(filters: DocumentFilters, enabled = true) {
  return useInfiniteQuery({
    queryKey: documentKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET("/api/documents/", {
          params: {
            query: {
              client: filters.client || undefined,
              project: filters.project || undefined,
              search: filters.search || undefined,
              ordering: "-created_at",
              page: pageParam,
              page_size: DOCUMENTS_PAGE_SIZE,
            },
          },
          signal,
        }),
      ),
    initialPageParam: 1,
    getNextPageParam: (last, pages) => (last.next ? pages.length + 1 : undefined),
    // While a new search loads, the previous results stay rather than a skeleton at each key.
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Step 1 of an upload: the API records a pending document and gives a form for the storage. */
export function presignUpload(body: PresignRequest, signal?: AbortSignal) {
  return unwrap(api.POST("/api/uploads/presign/", { body, signal }));
}

/** Step 3: the API checks the stored object and the document becomes visible. */
export function completeUpload(id: string, signal?: AbortSignal) {
  return unwrap(api.POST("/api/documents/{id}/complete/", { params: { path: { id } }, signal }));
}

/** A short-lived signed address that answers with `Content-Disposition: attachment`. */
export function documentDownload(id: string) {
  return unwrap(api.GET("/api/documents/{id}/download/", { params: { path: { id } } }));
}

export function useDeleteDocument() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE("/api/documents/{id}/", { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: documentKeys.lists() }),
  });
}
