import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api/client";
import { adminApi, type ActivityParams } from "@/lib/api/admin";

export type EmailFilters = { to?: string; status?: string; template?: string; page?: number };

export const journalKeys = {
  activity: (params: ActivityParams) => ["admin-activity", params] as const,
  emails: (filters: EmailFilters) => ["admin-emails", filters] as const,
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
export function useEmails(filters: EmailFilters) {
  const query = Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined && value !== ""));
  return useQuery({
    queryKey: journalKeys.emails(filters),
    queryFn: () => unwrap(api.GET("/api/admin/emails/", { params: { query: { ...query, page_size: 25 } } })),
    placeholderData: keepPreviousData,
  });
}
