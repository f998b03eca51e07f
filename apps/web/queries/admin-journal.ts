import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api/client";
import { adminApi, type ActivityParams } from "@/lib/api/admin";
import type { components } from "@/lib/api/schema";
import type { EmailsState, JobsState } from "@/components/admin/journal/journal-state";

export type Job = components["schemas"]["JobDto"];
type JobPage = components["schemas"]["Page_JobDto"];

export const JOURNAL_PAGE_SIZE = 25;

export const journalKeys = {
  activity: (params: ActivityParams) => ["admin-activity", params] as const,
  emails: (filters: EmailsState) => ["admin-emails", filters] as const,
  jobs: ["admin-jobs"] as const,
  jobList: (filters: JobsState) => ["admin-jobs", filters] as const,
};

export function useActivity(params: ActivityParams, enabled = true) {
  return useQuery({
    queryKey: journalKeys.activity(params),
    queryFn: () => adminApi().activity.list(params),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** The outgoing mail (tokens masked by the API), newest first. */
export function useEmails(filters: EmailsState) {
  const { to, status, template, page } = filters;
  return useQuery({
    queryKey: journalKeys.emails(filters),
    queryFn: () => unwrap(api.GET("/api/admin/emails/", { params: { query: { to, status, template, page, page_size: JOURNAL_PAGE_SIZE } } })),
    placeholderData: keepPreviousData,
  });
}

/** The background jobs, newest first. */
export function useJobs(filters: JobsState) {
  const { status, page } = filters;
  return useQuery({
    queryKey: journalKeys.jobList(filters),
    queryFn: () => unwrap(api.GET("/api/admin/jobs/", { params: { query: { status, page, page_size: JOURNAL_PAGE_SIZE } } })),
    placeholderData: keepPreviousData,
  });
}

/**
 * Queues a dead job again: every list shows the job as the API answered it at once, then reads
 * itself again (the job leaves the list of dead ones).
 */
export function useRetryJob() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST("/api/admin/jobs/{id}/retry/", { params: { path: { id } } })),
    onSuccess: (job, id) => {
      queryClient.setQueriesData<JobPage>({ queryKey: journalKeys.jobs }, (page) =>
        page ? { ...page, results: page.results.map((row) => (row.id === id ? job : row)) } : page,
      );
      return queryClient.invalidateQueries({ queryKey: journalKeys.jobs });
    },
  });
}
