import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api/client";
import type { components } from "@/lib/api/schema";

type Schemas = components["schemas"];
export type SlaPolicy = Schemas["SlaPolicyDto"];
export type SlaPolicyWrite = Schemas["SlaPolicyRequest"];
export type SlaTargets = Schemas["SlaTargetsDto"];
export type Counting = Schemas["Counting"];
export type SupportCalendar = Schemas["SupportCalendar"];
export type OpenHours = Schemas["OpenHours"];
export type Holiday = Schemas["HolidayDto"];
export type CannedReply = Schemas["CannedReplyDto"];
export type CannedReplyWrite = { title: string; body_fr: string; body_en: string };
export type ReplyVariable = Schemas["ReplyVariableDto"];

export const SLA_PRIORITIES = ["urgent", "high", "normal", "low"] as const;
export type SlaPriority = (typeof SLA_PRIORITIES)[number];

export const supportSettingsKeys = {
  all: ["admin-support-settings"] as const,
  policies: () => [...supportSettingsKeys.all, "sla-policies"] as const,
  calendar: () => [...supportSettingsKeys.all, "calendar"] as const,
  holidays: () => [...supportSettingsKeys.all, "holidays"] as const,
  replies: (search: string) => [...supportSettingsKeys.all, "canned-replies", search] as const,
};

export function useSlaPolicies() {
  return useQuery({ queryKey: supportSettingsKeys.policies(), queryFn: () => unwrap(api.GET("/api/admin/support/sla-policies/")) });
}

/** Sets the default policy (`clientId` null) or a client's own; the list is read again. */
export function useSaveSlaPolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ clientId, body }: { clientId: string | null; body: SlaPolicyWrite }) =>
      clientId
        ? unwrap(api.PUT("/api/admin/support/sla-policies/clients/{client_id}/", { params: { path: { client_id: clientId } }, body }))
        : unwrap(api.PUT("/api/admin/support/sla-policies/default/", { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: supportSettingsKeys.policies() }),
  });
}

export function useRemoveSlaPolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (clientId: string) =>
      unwrap(api.DELETE("/api/admin/support/sla-policies/clients/{client_id}/", { params: { path: { client_id: clientId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: supportSettingsKeys.policies() }),
  });
}

export function useSupportCalendar() {
  return useQuery({ queryKey: supportSettingsKeys.calendar(), queryFn: () => unwrap(api.GET("/api/admin/support/calendar/")) });
}

export function useSaveSupportCalendar() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SupportCalendar) => unwrap(api.PUT("/api/admin/support/calendar/", { body })),
    onSuccess: (calendar) => queryClient.setQueryData(supportSettingsKeys.calendar(), calendar),
  });
}

export function useHolidays() {
  return useQuery({ queryKey: supportSettingsKeys.holidays(), queryFn: () => unwrap(api.GET("/api/admin/support/holidays/")) });
}

/** Adds holidays one after the other (the API takes one a request); the list is read again even when one fails. */
export function useAddHolidays() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (holidays: Holiday[]) => {
      for (const body of holidays) await unwrap(api.POST("/api/admin/support/holidays/", { body }));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: supportSettingsKeys.holidays() }),
  });
}

export function useRemoveHoliday() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (day: string) => unwrap(api.DELETE("/api/admin/support/holidays/{day}/", { params: { path: { day } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: supportSettingsKeys.holidays() }),
  });
}

export function useCannedReplies(search: string) {
  return useQuery({
    queryKey: supportSettingsKeys.replies(search),
    queryFn: ({ signal }) => unwrap(api.GET("/api/admin/canned-replies/", { params: { query: search ? { search } : {} }, signal })),
    placeholderData: (previous) => previous,
  });
}

/** Creates a canned reply, or changes `id`'s. */
export function useSaveCannedReply() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: CannedReplyWrite }) =>
      id
        ? unwrap(api.PATCH("/api/admin/canned-replies/{id}/", { params: { path: { id } }, body }))
        : unwrap(api.POST("/api/admin/canned-replies/", { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...supportSettingsKeys.all, "canned-replies"] }),
  });
}

export function useDeleteCannedReply() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE("/api/admin/canned-replies/{id}/", { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...supportSettingsKeys.all, "canned-replies"] }),
  });
}
