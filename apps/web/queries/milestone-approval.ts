import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api/client";
import { isApiError } from "@/lib/api/errors";
import { invoiceKeys } from "./invoices";
import { milestoneKeys } from "./milestones";
import { notificationKeys } from "./notifications";
import { projectKeys } from "./projects";

/**
 * After an answer (or a 409: someone else answered first, or NOURX took the milestone back), every
 * list of milestones and the projects' progress are fetched again; an approval may have sent an
 * invoice.
 */
function useRefreshAfterDecision() {
  const queryClient = useQueryClient();
  return (billed: boolean) => {
    void queryClient.invalidateQueries({ queryKey: milestoneKeys.all });
    void queryClient.invalidateQueries({ queryKey: projectKeys.all });
    void queryClient.invalidateQueries({ queryKey: notificationKeys.all });
    if (billed) void queryClient.invalidateQueries({ queryKey: invoiceKeys.all });
  };
}

/** Approves a milestone awaiting approval; the answer names the invoice it sent, if it bills one. */
export function useApproveMilestone(id: string) {
  const refresh = useRefreshAfterDecision();
  return useMutation({
    mutationFn: () => unwrap(api.POST("/api/milestones/{id}/approve/", { params: { path: { id } } })),
    onSuccess: (answer) => refresh(Boolean(answer.invoice_id)),
    // `already_approved` may mean an invoice was sent from another phone.
    onError: (error) => refresh(isApiError(error) && error.status === 409),
  });
}

/** Sends a milestone back to NOURX with what to change (the milestone is in progress again). */
export function useRequestMilestoneChanges(id: string) {
  const refresh = useRefreshAfterDecision();
  return useMutation({
    mutationFn: (comment: string) =>
      unwrap(api.POST("/api/milestones/{id}/request-changes/", { params: { path: { id } }, body: { comment } })),
    onSuccess: () => refresh(false),
    onError: (error) => {
      if (isApiError(error) && error.status === 409) refresh(true);
    },
  });
}
