"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useQueryClient } from "@tanstack/react-query";
import { Lock, MessageSquare } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { FormError, FormField, applyApiErrors, controlProps } from "@/components/form";
import { AttachmentPicker, useTicketAttachments } from "@/components/support/attachments";
import { useToast } from "@/components/toaster";
import { Button } from "@/components/ui/button";
import { NativeSelect, Textarea } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { Ticket } from "@/lib/api/types";
import { useErrorMessage } from "@/lib/use-error-message";
import { text, type Infer, z } from "@/lib/validation";
import { cn } from "@/lib/utils";
import { useReplyToTicket } from "@/queries/tickets";
import { renderCannedReply, supportKeys, useCannedReplies } from "./queries";

type Mode = "public" | "internal";

/** "Réponse publique / Note interne": two radio buttons that look like a switch. */
function ModeSwitch({ mode, onChange, publicLocked, closed }: { mode: Mode; onChange: (mode: Mode) => void; publicLocked: boolean; closed: boolean }) {
  const t = useTranslations("admin.support.reply");
  const options: { value: Mode; label: string; icon: React.ReactNode; disabled: boolean }[] = [
    { value: "public", label: t("public"), icon: <MessageSquare className="hidden size-4 sm:block" aria-hidden="true" />, disabled: closed || (publicLocked && mode === "internal") },
    { value: "internal", label: t("internal"), icon: <Lock className="hidden size-4 sm:block" aria-hidden="true" />, disabled: false },
  ];
  return (
    <fieldset className="flex flex-col gap-1.5">
      <legend className="sr-only">{t("mode")}</legend>
      <div className="grid grid-cols-2 gap-1 rounded-lg border bg-muted p-1 sm:inline-grid sm:w-fit">
        {options.map((option) => (
          <label
            key={option.value}
            className={cn(
              "flex min-h-10 cursor-pointer items-center justify-center gap-1.5 rounded-md px-2 text-sm font-medium whitespace-nowrap sm:px-3 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring",
              mode === option.value ? (option.value === "internal" ? "bg-amber-100 text-amber-950 shadow-sm" : "bg-card text-foreground shadow-sm") : "text-muted-foreground",
              option.disabled && "cursor-not-allowed opacity-50",
            )}
          >
            <input
              type="radio"
              name="reply-mode"
              value={option.value}
              checked={mode === option.value}
              disabled={option.disabled}
              onChange={() => onChange(option.value)}
              className="sr-only"
            />
            {option.icon}
            {option.label}
          </label>
        ))}
      </div>
      <p className="text-xs text-muted-foreground">
        {closed ? t("closed") : publicLocked && mode === "internal" ? t("switchLocked") : mode === "internal" ? t("internalHint") : t("publicHint")}
      </p>
    </fieldset>
  );
}

/** A canned reply, filled for this ticket by the API, goes into the text where the cursor is. */
function CannedPicker({ ticketId, onInsert }: { ticketId: string; onInsert: (body: string, title: string) => void }) {
  const t = useTranslations("admin.support.reply");
  const errorMessage = useErrorMessage();
  const toast = useToast();
  const replies = useCannedReplies();
  const [loading, setLoading] = useState(false);
  const rows = replies.data?.results ?? [];
  return (
    <div className="flex w-full min-w-0 flex-col gap-1.5 sm:w-64">
      <Label htmlFor="canned-reply">{t("canned")}</Label>
      <NativeSelect
        id="canned-reply"
        value=""
        disabled={loading || rows.length === 0}
        aria-busy={loading || replies.isPending || undefined}
        onChange={async (event) => {
          const reply = rows.find((row) => row.id === event.target.value);
          if (!reply) return;
          setLoading(true);
          try {
            const rendered = await renderCannedReply(reply.id, ticketId);
            onInsert(rendered.body, reply.title);
          } catch (error) {
            toast.show("error", errorMessage(error));
          } finally {
            setLoading(false);
          }
        }}
      >
        <option value="">{loading ? t("cannedLoading") : rows.length === 0 && !replies.isPending ? t("cannedEmpty") : t("cannedChoose")}</option>
        {rows.map((row) => (
          <option key={row.id} value={row.id}>
            {row.title}
          </option>
        ))}
      </NativeSelect>
    </div>
  );
}

/** A public reply or an internal note, with files and canned replies. */
export function ReplyBox({ ticket }: { ticket: Ticket }) {
  const t = useTranslations("admin.support.reply");
  const ta = useTranslations("support.attachments");
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const closed = ticket.status === "closed";
  const [mode, setMode] = useState<Mode>(closed ? "internal" : "public");
  const internal = closed || mode === "internal";
  const reply = useReplyToTicket(ticket.id);
  const attachments = useTicketAttachments(ticket.id);
  const [formError, setFormError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const area = useRef<HTMLTextAreaElement | null>(null);
  const schema = z.object({ body: text({ required: t("required") }) });
  const form = useForm<Infer<typeof schema>>({ resolver: zodResolver(schema), defaultValues: { body: "" } });
  const error = form.formState.errors.body?.message;
  const { ref: registerRef, ...bodyField } = form.register("body");

  const insert = (body: string, title: string) => {
    const current = form.getValues("body");
    const element = area.current;
    const start = element?.selectionStart ?? current.length;
    const end = element?.selectionEnd ?? current.length;
    const before = current.slice(0, start);
    const glue = before && !before.endsWith("\n") ? "\n" : "";
    const next = `${before}${glue}${body}${current.slice(end)}`;
    form.setValue("body", next, { shouldDirty: true, shouldValidate: Boolean(error) });
    setNotice(t("cannedInserted", { title }));
    requestAnimationFrame(() => {
      element?.focus();
      const caret = before.length + glue.length + body.length;
      element?.setSelectionRange(caret, caret);
    });
  };

  const onSubmit = form.handleSubmit(async ({ body }) => {
    setFormError(undefined);
    if (attachments.pending) {
      setFormError(ta("wait"));
      return;
    }
    try {
      await reply.mutateAsync({ body, internal, attachment_ids: attachments.ids.length ? attachments.ids : undefined });
      form.reset();
      attachments.clear();
      setNotice(undefined);
      void queryClient.invalidateQueries({ queryKey: supportKeys.slaEvents(ticket.id) });
      toast.show("success", internal ? t("noteSent") : t("sent"));
    } catch (e) {
      setFormError(applyApiErrors(e, form.setError, ["body"], errorMessage));
    }
  });

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className={cn("flex flex-col gap-3 rounded-lg border p-3", internal ? "border-amber-300 bg-amber-50/60" : "bg-muted/30")}
      data-testid="reply-box"
      data-mode={internal ? "internal" : "public"}
    >
      <div className="flex flex-wrap items-end justify-between gap-3">
        <ModeSwitch mode={internal ? "internal" : "public"} onChange={setMode} publicLocked={attachments.items.length > 0} closed={closed} />
        <CannedPicker ticketId={ticket.id} onInsert={insert} />
      </div>
      <FormField id="reply-body" label={t("label")} error={error}>
        <Textarea
          {...controlProps("reply-body", error)}
          {...bodyField}
          ref={(element) => {
            registerRef(element);
            area.current = element;
          }}
          placeholder={internal ? t("notePlaceholder") : t("placeholder")}
          rows={6}
          className="bg-card"
        />
      </FormField>
      {notice ? (
        <p className="text-xs text-muted-foreground" aria-live="polite">
          {notice}
        </p>
      ) : null}
      <AttachmentPicker attachments={attachments} visibility={internal ? "internal" : "client"} disabled={reply.isPending} />
      <FormError message={formError} />
      <Button type="submit" disabled={reply.isPending || attachments.pending} className="sm:self-end">
        {internal ? <Lock aria-hidden="true" /> : null}
        {internal ? t("sendNote") : t("send")}
      </Button>
    </form>
  );
}
