"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { text, type Infer, z } from "@/lib/validation";
import { PriorityBadge, TicketStatusBadge } from "@/components/badges";
import { FormError, FormField, applyApiErrors, controlProps } from "@/components/form";
import { ListShell } from "@/components/list-shell";
import { DetailSkeleton, RecordShell } from "@/components/record-shell";
import { BackLink } from "@/components/states";
import { useToast } from "@/components/toaster";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Textarea } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { AttachmentList, AttachmentPicker, useTicketAttachments } from "@/components/support/attachments";
import type { Ticket } from "@/lib/api/types";
import { formatDate, formatDateTime, formatRelative, formatTime } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { useErrorMessage } from "@/lib/use-error-message";
import { cn } from "@/lib/utils";
import { useMe } from "@/queries/me";
import { useReplyToTicket, useSetTicketStatus, useTicket, useTicketMessages } from "@/queries/tickets";
import { SlaLine } from "../sla";
import { TicketRating } from "./rating";

function Thread({ ticket }: { ticket: Ticket }) {
  const t = useTranslations("support");
  const locale = useAppLocale();
  const me = useMe();
  const messages = useTicketMessages(ticket.id);

  return (
    <ListShell
      query={messages}
      items={(messages.data?.results ?? []).filter((m) => !m.internal)}
      skeleton={
        <div className="flex flex-col gap-3">
          <Skeleton className="h-20" />
          <Skeleton className="ml-8 h-20" />
        </div>
      }
      empty={{ text: t("replyPlaceholder") }}
    >
      {(rows) => (
        <ol className="flex flex-col gap-3" data-testid="ticket-messages">
          {rows.map((message) => {
            const mine = message.author_id === me.data?.id;
            return (
              <li
                key={message.id}
                className={cn(
                  "max-w-[92%] rounded-lg border p-3 text-sm sm:max-w-[80%]",
                  message.author_is_staff ? "self-start bg-card" : "self-end border-primary/30 bg-secondary",
                )}
              >
                <div className="mb-1 flex flex-wrap items-baseline justify-between gap-x-3 gap-y-0.5">
                  <span className="font-medium">
                    {mine ? t("you") : message.author_name}
                    {message.author_is_staff ? <span className="font-normal text-muted-foreground"> · {t("staff")}</span> : null}
                  </span>
                  <time dateTime={message.created_at} title={formatDateTime(message.created_at, locale)} className="text-xs text-muted-foreground">
                    {formatRelative(message.created_at, locale)}
                  </time>
                </div>
                <p className="whitespace-pre-wrap break-words">{message.body}</p>
                <AttachmentList attachments={message.attachments ?? []} />
              </li>
            );
          })}
        </ol>
      )}
    </ListShell>
  );
}

function ReplyForm({ ticket }: { ticket: Ticket }) {
  const t = useTranslations("support");
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const reply = useReplyToTicket(ticket.id);
  const attachments = useTicketAttachments(ticket.id);
  const [formError, setFormError] = useState<string>();
  const schema = z.object({ body: text({ required: t("replyRequired") }) });
  const form = useForm<Infer<typeof schema>>({ resolver: zodResolver(schema), defaultValues: { body: "" } });
  const error = form.formState.errors.body?.message;

  const onSubmit = form.handleSubmit(async ({ body }) => {
    setFormError(undefined);
    if (attachments.pending) {
      setFormError(t("attachments.wait"));
      return;
    }
    try {
      await reply.mutateAsync({ body, attachment_ids: attachments.ids.length ? attachments.ids : undefined });
      form.reset();
      attachments.clear();
      toast.show("success", t("replied"));
    } catch (e) {
      setFormError(applyApiErrors(e, form.setError, ["body"], errorMessage));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-2">
      <FormField id="reply-body" label={t("reply")} error={error}>
        <Textarea {...controlProps("reply-body", error)} {...form.register("body")} placeholder={t("replyPlaceholder")} rows={4} />
      </FormField>
      <AttachmentPicker attachments={attachments} visibility="client" disabled={reply.isPending} />
      <FormError message={formError} />
      <Button type="submit" disabled={reply.isPending || attachments.pending} className="sm:self-end">
        {t("replySend")}
      </Button>
    </form>
  );
}

function StatusActions({ ticket }: { ticket: Ticket }) {
  const t = useTranslations("support");
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const setStatus = useSetTicketStatus(ticket.id);
  if (ticket.status !== "resolved") return null;
  const run = (status: "open" | "closed") =>
    setStatus.mutate(status, { onError: (error) => toast.show("error", errorMessage(error)) });
  return (
    <div className="flex flex-wrap gap-2">
      <Button variant="outline" onClick={() => run("open")} disabled={setStatus.isPending}>
        {t("reopen")}
      </Button>
      <Button variant="secondary" onClick={() => run("closed")} disabled={setStatus.isPending}>
        {t("close")}
      </Button>
    </div>
  );
}

/** The ticket: its subject, status and deadlines, then the thread with the reply form. */
function TicketDetail({ ticket }: { ticket: Ticket }) {
  const t = useTranslations("support");
  const locale = useAppLocale();
  return (
    <>
      <div>
        <p className="text-sm text-muted-foreground">{t("number", { number: ticket.number })}</p>
        <h1 className="text-2xl font-semibold tracking-tight break-words">{ticket.subject}</h1>
        <div className="mt-2 flex flex-wrap items-center gap-2 text-sm">
          <TicketStatusBadge status={ticket.status} />
          <PriorityBadge priority={ticket.priority} />
          <span className="text-muted-foreground">
            <SlaLine ticket={ticket} />
          </span>
        </div>
        {/* While the clocks are paused the date would move on the client's answer: the line above says so instead. */}
        {(ticket.status === "open" || ticket.status === "pending") && ticket.sla.resolution.state !== "paused" ? (
          <p className="mt-1 text-xs text-muted-foreground">
            {t("slaResolution", {
              date: formatDate(ticket.resolution_due, locale),
              time: formatTime(ticket.resolution_due, locale),
            })}
          </p>
        ) : null}
      </div>
      <TicketRating ticket={ticket} />
      <Card>
        <CardHeader>
          <CardTitle>{t("thread")}</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <Thread ticket={ticket} />
          {ticket.status === "closed" ? (
            <p className="rounded-md bg-muted p-3 text-sm text-muted-foreground">{t("closedNote")}</p>
          ) : (
            <ReplyForm ticket={ticket} />
          )}
          <StatusActions ticket={ticket} />
        </CardContent>
      </Card>
    </>
  );
}

export function TicketClient({ id }: { id: string }) {
  const t = useTranslations("support");
  const ticket = useTicket(id);

  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-4">
      <BackLink href="/support" label={t("backToList")} />
      <RecordShell query={ticket} skeleton={<DetailSkeleton blocks={["h-40"]} />}>
        {(data) => <TicketDetail ticket={data} />}
      </RecordShell>
    </div>
  );
}
