import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api/client";
import type { components } from "@/lib/api/schema";
import { sendRawBody, type RawUploadOptions } from "../raw-upload";
import { prospectKeys } from "../prospects/queries";
import { IMPORT_CONTENT_TYPE, prospectImportUrl } from "./import-file";

type Schemas = components["schemas"];
export type Stage = Schemas["StageDto"];
export type StageKind = Schemas["StageKind"];
export type StageWrite = Schemas["StageRequest"];
export type ImportReport = Schemas["ImportReportDto"];
export type ImportedRow = Schemas["ImportedRowDto"];
export type ProspectSource = Schemas["ProspectSource"];

export const stageKeys = {
  all: ["pipeline", "stages"] as const,
};

/** The stages in order, with what each holds. */
export function useStages() {
  return useQuery({ queryKey: stageKeys.all, queryFn: ({ signal }) => unwrap(api.GET("/api/admin/pipeline/stages/", { signal })) });
}

/** After any change to the stages, the pipeline's every view is read again (stages, board, lists). */
function useRefreshPipeline() {
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: stageKeys.all }), queryClient.invalidateQueries({ queryKey: prospectKeys.all })]);
}

export function useAddStage() {
  const refresh = useRefreshPipeline();
  return useMutation({
    mutationFn: (body: { name: string; probability?: number }) => unwrap(api.POST("/api/admin/pipeline/stages/", { body })),
    onSettled: refresh,
  });
}

export function useUpdateStage() {
  const refresh = useRefreshPipeline();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: StageWrite }) => unwrap(api.PATCH("/api/admin/pipeline/stages/{id}/", { params: { path: { id } }, body })),
    onSettled: refresh,
  });
}

export function useDeleteStage() {
  const refresh = useRefreshPipeline();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE("/api/admin/pipeline/stages/{id}/", { params: { path: { id } } })),
    onSettled: refresh,
  });
}

/** Sends the file, as a dry run (what would be imported) or for real; the prospects' views are read again after an import. */
export function useImportProspects() {
  const queryClient = useQueryClient();
  return async (file: File, dryRun: boolean, options: RawUploadOptions = {}) => {
    const report = await sendRawBody<ImportReport>("POST", prospectImportUrl(dryRun), file, IMPORT_CONTENT_TYPE, options);
    if (!dryRun) {
      void queryClient.invalidateQueries({ queryKey: stageKeys.all });
      void queryClient.invalidateQueries({ queryKey: prospectKeys.all });
    }
    return report;
  };
}
