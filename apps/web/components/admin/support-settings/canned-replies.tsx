"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Pencil, Plus, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useDeferredValue, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { FormError, FormField, applyApiErrors, controlProps } from "@/components/form";
import { SkeletonRows } from "@/components/list-shell";
import { EmptyState, ErrorState } from "@/components/states";
import { useToast } from "@/components/toaster";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input, Textarea } from "@/components/ui/input";
import { formatDate } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { useErrorMessage } from "@/lib/use-error-message";
import { text, type Infer, z } from "@/lib/validation";
import { describeVariable } from "./variables";
import { useCannedReplies, useDeleteCannedReply, useSaveCannedReply, type CannedReply, type ReplyVariable } from "./queries";

const BODIES = ["body_fr", "body_en"] as const;
type Body = (typeof BODIES)[number];

/** The editor of one canned reply, the variables it may use beside it. */
function ReplyEditor({ reply, variables, onDone }: { reply: CannedReply | null; variables: ReplyVariable[]; onDone: (saved: boolean) => void }) {
  const t = useTranslations("admin.support-settings.replies");
  const tc = useTranslations("common");
  const locale = useAppLocale();
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const save = useSaveCannedReply();
  const [formError, setFormError] = useState<string>();
  // The text a variable goes into: the last body written in (French first).
  const lastBody = useRef<Body>("body_fr");
  const schema = z.object({
    title: text({ required: t("errors.title"), max: 120 }),
    body_fr: text({ required: t("errors.body"), max: 10_000 }),
    body_en: text({ required: t("errors.body"), max: 10_000 }),
  });
  type Values = Infer<typeof schema>;
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { title: reply?.title ?? "", body_fr: reply?.body_fr ?? "", body_en: reply?.body_en ?? "" },
  });
  const errors = form.formState.errors;
  const idPrefix = reply ? `reply-${reply.id}` : "reply-new";

  const insert = (name: string) => {
    const field = lastBody.current;
    const slot = `{{${name}}}`;
    const element = document.getElementById(`${idPrefix}-${field}`) as HTMLTextAreaElement | null;
    const value = form.getValues(field);
    const start = element?.selectionStart ?? value.length;
    const end = element?.selectionEnd ?? value.length;
    form.setValue(field, value.slice(0, start) + slot + value.slice(end), { shouldDirty: true });
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(start + slot.length, start + slot.length);
    });
  };

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(undefined);
    try {
      await save.mutateAsync({ id: reply?.id, body: values });
      toast.show("success", reply ? t("updated", { title: values.title }) : t("created", { title: values.title }));
      onDone(true);
    } catch (error) {
      setFormError(applyApiErrors(error, form.setError, ["title", "body_fr", "body_en"], errorMessage));
    }
  });

  return (
    <Card aria-labelledby={`${idPrefix}-heading`} data-testid="reply-editor">
      <CardHeader>
        <CardTitle id={`${idPrefix}-heading`}>{reply ? t("editTitle", { title: reply.title }) : t("newTitle")}</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-4 lg:grid-cols-[1fr_16rem]">
        <form onSubmit={onSubmit} noValidate className="flex min-w-0 flex-col gap-3">
          <FormField id={`${idPrefix}-title`} label={t("title")} error={errors.title?.message}>
            <Input {...controlProps(`${idPrefix}-title`, errors.title?.message)} {...form.register("title")} autoComplete="off" />
          </FormField>
          {BODIES.map((body) => {
            const error = errors[body]?.message;
            const registered = form.register(body);
            return (
              <FormField key={body} id={`${idPrefix}-${body}`} label={t(body)} error={error}>
                <Textarea
                  {...controlProps(`${idPrefix}-${body}`, error)}
                  {...registered}
                  rows={5}
                  lang={body === "body_fr" ? "fr" : "en"}
                  onFocus={() => {
                    lastBody.current = body;
                  }}
                />
              </FormField>
            );
          })}
          <FormError message={formError} />
          <div className="flex flex-wrap justify-end gap-2">
            <Button type="button" variant="ghost" onClick={() => onDone(false)} disabled={save.isPending}>
              {tc("cancel")}
            </Button>
            <Button type="submit" disabled={save.isPending}>
              {save.isPending ? t("saving") : t("save")}
            </Button>
          </div>
        </form>
        <aside aria-labelledby={`${idPrefix}-variables`} className="flex flex-col gap-2 rounded-md bg-muted/60 p-3 text-sm">
          <h3 id={`${idPrefix}-variables`} className="font-semibold">
            {t("variables")}
          </h3>
          <p className="text-xs text-muted-foreground">{t("variablesHint")}</p>
          <ul className="flex flex-col gap-1" data-testid="reply-variables">
            {variables.map((variable) => (
              <li key={variable.name}>
                <button
                  type="button"
                  onClick={() => insert(variable.name)}
                  className="flex min-h-11 w-full flex-col items-start rounded-md px-2 py-1 text-left hover:bg-card focus-visible:outline-2 focus-visible:outline-ring"
                  aria-label={t("insert", { name: `{{${variable.name}}}`, description: describeVariable(variable.description, locale) })}
                >
                  <code className="font-mono text-xs font-semibold break-all">{`{{${variable.name}}}`}</code>
                  <span className="text-xs text-muted-foreground">{describeVariable(variable.description, locale)}</span>
                </button>
              </li>
            ))}
          </ul>
        </aside>
      </CardContent>
    </Card>
  );
}

/** « Réponses types »: every member of staff writes them, in French and English. */
export function CannedReplies() {
  const t = useTranslations("admin.support-settings.replies");
  const tc = useTranslations("common");
  const locale = useAppLocale();
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const [search, setSearch] = useState("");
  const deferred = useDeferredValue(search.trim());
  const replies = useCannedReplies(deferred);
  const remove = useDeleteCannedReply();
  // `null`: a new reply; undefined: no editor open.
  const [editing, setEditing] = useState<CannedReply | null | undefined>(undefined);
  const [deleting, setDeleting] = useState<CannedReply | null>(null);
  const variables = replies.data?.variables ?? [];
  const rows = replies.data?.results ?? [];

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div className="w-full sm:w-72">
          <Input type="search" aria-label={t("search")} placeholder={t("search")} value={search} onChange={(event) => setSearch(event.target.value)} />
        </div>
        {editing === undefined ? (
          <Button onClick={() => setEditing(null)}>
            <Plus aria-hidden="true" />
            {t("new")}
          </Button>
        ) : null}
      </div>
      {editing === null ? <ReplyEditor reply={null} variables={variables} onDone={() => setEditing(undefined)} /> : null}
      {replies.isPending ? (
        <SkeletonRows count={3} row="h-24" />
      ) : replies.isError ? (
        <ErrorState error={replies.error} onRetry={() => replies.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState text={deferred ? t("noMatch") : t("empty")} />
      ) : (
        <ul className="flex flex-col gap-3" data-testid="reply-list">
          {rows.map((reply) =>
            editing?.id === reply.id ? (
              <li key={reply.id}>
                <ReplyEditor reply={reply} variables={variables} onDone={() => setEditing(undefined)} />
              </li>
            ) : (
              <li key={reply.id} className="rounded-lg border bg-card p-4" data-testid="reply">
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <div className="min-w-0">
                    <h3 className="font-semibold break-words">{reply.title}</h3>
                    <p className="text-xs text-muted-foreground">{t("updatedOn", { date: formatDate(reply.updated_at, locale) })}</p>
                  </div>
                  <div className="flex gap-1">
                    <Button variant="outline" size="sm" onClick={() => setEditing(reply)} aria-label={t("editOf", { title: reply.title })}>
                      <Pencil aria-hidden="true" />
                      {t("edit")}
                    </Button>
                    <Button variant="ghost" size="icon" className="text-destructive" onClick={() => setDeleting(reply)} aria-label={t("deleteOf", { title: reply.title })}>
                      <Trash2 aria-hidden="true" />
                    </Button>
                  </div>
                </div>
                <dl className="mt-2 grid gap-2 text-sm md:grid-cols-2">
                  {BODIES.map((body) => (
                    <div key={body} className="min-w-0">
                      <dt className="text-xs font-medium text-muted-foreground">{t(body)}</dt>
                      <dd className="line-clamp-3 whitespace-pre-wrap break-words" lang={body === "body_fr" ? "fr" : "en"}>
                        {reply[body]}
                      </dd>
                    </div>
                  ))}
                </dl>
              </li>
            ),
          )}
        </ul>
      )}
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => (open ? undefined : setDeleting(null))}
        title={t("deleteTitle", { title: deleting?.title ?? "" })}
        description={t("deleteText")}
        confirmLabel={t("deleteConfirm")}
        cancelLabel={tc("cancel")}
        tone="destructive"
        pending={remove.isPending}
        onConfirm={async () => {
          if (!deleting) return;
          try {
            await remove.mutateAsync(deleting.id);
            toast.show("success", t("deleted", { title: deleting.title }));
            setDeleting(null);
          } catch (error) {
            toast.show("error", errorMessage(error));
          }
        }}
      />
    </div>
  );
}
