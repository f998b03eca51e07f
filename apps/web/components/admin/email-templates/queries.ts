import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api/client";
import type { components } from "@/lib/api/schema";

type Schemas = components["schemas"];
export type EmailTemplateSummary = Schemas["EmailTemplateSummaryDto"];
export type EmailTemplate = Schemas["EmailTemplateDto"];
export type EmailTemplateGroup = Schemas["EmailTemplateGroup"];
export type TemplateVariable = Schemas["TemplateVariableDto"];
export type TemplateSourceWrite = { subject: string; text: string; html: string | null };
export type RenderedEmail = Schemas["RenderedEmailDto"];
export type TemplateLocale = "fr" | "en";

export const TEMPLATE_LOCALES = ["fr", "en"] as const satisfies readonly TemplateLocale[];

export const emailTemplateKeys = {
  all: ["admin-email-templates"] as const,
  list: () => [...emailTemplateKeys.all, "list"] as const,
  detail: (key: string, locale: TemplateLocale) => [...emailTemplateKeys.all, "detail", key, locale] as const,
  preview: (key: string, locale: TemplateLocale, source: TemplateSourceWrite | null) =>
    [...emailTemplateKeys.all, "preview", key, locale, source] as const,
};

const path = (key: string, locale: TemplateLocale) => ({ params: { path: { key, locale } } });

export function useEmailTemplates() {
  return useQuery({ queryKey: emailTemplateKeys.list(), queryFn: () => unwrap(api.GET("/api/admin/email-templates/")) });
}

export function useEmailTemplate(key: string, locale: TemplateLocale) {
  return useQuery({
    queryKey: emailTemplateKeys.detail(key, locale),
    queryFn: () => unwrap(api.GET("/api/admin/email-templates/{key}/{locale}/", path(key, locale))),
  });
}

/** Saves a wording; the template and the list (its « personnalisé » badges) are read again. */
export function useSaveEmailTemplate(key: string, locale: TemplateLocale) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TemplateSourceWrite) =>
      unwrap(api.PUT("/api/admin/email-templates/{key}/{locale}/", { ...path(key, locale), body })),
    onSuccess: (template) => {
      queryClient.setQueryData(emailTemplateKeys.detail(key, locale), template);
      return queryClient.invalidateQueries({ queryKey: emailTemplateKeys.list() });
    },
  });
}

export function useResetEmailTemplate(key: string, locale: TemplateLocale) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE("/api/admin/email-templates/{key}/{locale}/", path(key, locale))),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: emailTemplateKeys.detail(key, locale) }),
        queryClient.invalidateQueries({ queryKey: emailTemplateKeys.list() }),
      ]),
  });
}

/**
 * The email a wording makes with sample data; a wording the API would refuse answers with its
 * errors (each with its line). `source` null: nothing to preview yet.
 */
export function useEmailPreview(key: string, locale: TemplateLocale, source: TemplateSourceWrite | null) {
  return useQuery({
    queryKey: emailTemplateKeys.preview(key, locale, source),
    queryFn: ({ signal }) =>
      unwrap(
        api.POST("/api/admin/email-templates/{key}/{locale}/preview/", { ...path(key, locale), body: source!, signal }),
      ),
    enabled: source !== null,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: Infinity,
  });
}

/** Sends a test to oneself: of `source` (not saved) when given, else of the wording in use. */
export function useSendTestEmail(key: string, locale: TemplateLocale) {
  return useMutation({
    mutationFn: (source: TemplateSourceWrite | null) =>
      unwrap(
        api.POST("/api/admin/email-templates/{key}/{locale}/test/", {
          ...path(key, locale),
          body: source ? { source } : {},
        }),
      ),
  });
}
