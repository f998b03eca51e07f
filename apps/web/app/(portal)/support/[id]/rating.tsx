"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Star } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { FormError } from "@/components/form";
import { useToast } from "@/components/toaster";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Textarea } from "@/components/ui/input";
import { api, unwrap } from "@/lib/api/client";
import { isApiError } from "@/lib/api/errors";
import type { Ticket } from "@/lib/api/types";
import { formatDate } from "@/lib/format";
import { asksForRating, canRateTicket } from "@/lib/ticket-rating";
import { useAppLocale } from "@/lib/use-app-locale";
import { useErrorMessage } from "@/lib/use-error-message";
import { cn } from "@/lib/utils";
import { useMe } from "@/queries/me";
import { ticketKeys } from "@/queries/tickets";

const SCORES = [1, 2, 3, 4, 5] as const;
const COMMENT_MAX = 2000;

function useRateTicket(ticket: Ticket) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { score: number; comment: string }) =>
      unwrap(api.PUT("/api/tickets/{id}/rating/", { params: { path: { id: ticket.id } }, body })),
    onSuccess: (rating) => {
      queryClient.setQueryData<Ticket>(ticketKeys.detail(ticket.id), (current) => (current ? { ...current, rating } : current));
      void queryClient.invalidateQueries({ queryKey: ticketKeys.lists() });
    },
  });
}

/** Five stars, `score` of them filled, for reading (the label says the score). */
function Stars({ score, label }: { score: number; label: string }) {
  return (
    <span role="img" aria-label={label} className="inline-flex gap-0.5">
      {SCORES.map((value) => (
        <Star key={value} aria-hidden="true" className={cn("size-5", value <= score ? "fill-amber-400 text-amber-600" : "text-slate-400")} />
      ))}
    </span>
  );
}

/**
 * The client's rating of a resolved or closed ticket: five stars (a radio group, so arrows move
 * between them) and a comment; once given, the rating with « Modifier ». Opened from the
 * "ticket resolved" email (`?noter=1`), the page scrolls to it and puts the focus on it.
 */
export function TicketRating({ ticket }: { ticket: Ticket }) {
  const t = useTranslations("support.rating");
  const tc = useTranslations("common");
  const locale = useAppLocale();
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const me = useMe();
  const rate = useRateTicket(ticket);
  const rating = ticket.rating ?? null;
  const [editing, setEditing] = useState(false);
  const [score, setScore] = useState<number>(rating?.score ?? 0);
  const [hovered, setHovered] = useState(0);
  const [comment, setComment] = useState(rating?.comment ?? "");
  const [error, setError] = useState<string>();
  const section = useRef<HTMLElement>(null);
  const asked = useRef(false);
  const allowed = canRateTicket(ticket, me.data);
  const showForm = allowed && (rating === null || editing);

  // `?noter=1`, once: to the widget, the focus on the chosen star (the first without one) or on « Modifier ».
  useEffect(() => {
    if (!allowed || asked.current || !asksForRating(window.location.search)) return;
    asked.current = true;
    const element = section.current;
    if (!element) return;
    element.scrollIntoView({ block: "center" });
    const target = element.querySelector<HTMLElement>("input[type=radio]:checked, input[type=radio], [data-rating-edit]");
    (target ?? element).focus({ preventScroll: true });
  }, [allowed]);

  // « Modifier »: the focus goes to the chosen star.
  useEffect(() => {
    if (editing) section.current?.querySelector<HTMLElement>("input[type=radio]:checked")?.focus();
  }, [editing]);

  if (!allowed) return null;

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setError(undefined);
    if (score < 1) {
      setError(t("scoreRequired"));
      section.current?.querySelector<HTMLElement>("input[type=radio]")?.focus();
      return;
    }
    try {
      await rate.mutateAsync({ score, comment: comment.trim() });
      setEditing(false);
      toast.show("success", rating ? t("updated") : t("thanks"));
    } catch (e) {
      if (isApiError(e) && e.code === "ticket_not_resolved") setError(t("notResolved"));
      else if (isApiError(e) && e.fieldErrors.comment) setError(e.fieldErrors.comment.join(" "));
      else if (isApiError(e) && e.fieldErrors.score) setError(e.fieldErrors.score.join(" "));
      else setError(errorMessage(e));
    }
  };

  const shown = hovered || score;
  return (
    <Card ref={section} id="avis" tabIndex={-1} aria-labelledby="rating-title" className="scroll-mt-20 focus-visible:outline-2 focus-visible:outline-ring" data-testid="ticket-rating">
      <CardHeader>
        <CardTitle id="rating-title">{t("title")}</CardTitle>
      </CardHeader>
      <CardContent>
        {showForm ? (
          <form onSubmit={submit} noValidate className="flex flex-col gap-3">
            <fieldset aria-describedby={error ? "rating-error" : undefined}>
              <legend className="mb-1 text-sm text-muted-foreground">{t("question")}</legend>
              <div role="radiogroup" aria-label={t("scoreLabel")} className="flex flex-wrap items-center gap-1" onMouseLeave={() => setHovered(0)}>
                {SCORES.map((value) => (
                  <label
                    key={value}
                    className="relative inline-flex size-11 cursor-pointer items-center justify-center rounded-md has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-ring"
                    onMouseEnter={() => setHovered(value)}
                  >
                    <input
                      type="radio"
                      name="rating-score"
                      value={value}
                      checked={score === value}
                      onChange={() => setScore(value)}
                      className="peer sr-only"
                      aria-label={t("star", { score: value, label: t(`labels.${value}`) })}
                    />
                    <Star
                      aria-hidden="true"
                      className={cn("size-8 transition-colors", value <= shown ? "fill-amber-400 text-amber-600" : "text-slate-400")}
                    />
                  </label>
                ))}
                <span className="ml-2 text-sm font-medium" aria-hidden="true">
                  {shown ? t(`labels.${shown as 1 | 2 | 3 | 4 | 5}`) : null}
                </span>
              </div>
            </fieldset>
            <div className="flex flex-col gap-1.5">
              <label htmlFor="rating-comment" className="text-sm font-medium">
                {t("comment")} <span className="font-normal text-muted-foreground">({t("optional")})</span>
              </label>
              <Textarea
                id="rating-comment"
                value={comment}
                maxLength={COMMENT_MAX}
                rows={3}
                placeholder={t("commentPlaceholder")}
                onChange={(event) => setComment(event.target.value)}
              />
            </div>
            {error ? (
              <div id="rating-error">
                <FormError message={error} />
              </div>
            ) : null}
            <div className="flex flex-wrap justify-end gap-2">
              {rating ? (
                <Button
                  type="button"
                  variant="ghost"
                  onClick={() => {
                    setEditing(false);
                    setScore(rating.score);
                    setComment(rating.comment);
                    setError(undefined);
                  }}
                >
                  {t("cancel")}
                </Button>
              ) : null}
              <Button type="submit" disabled={rate.isPending}>
                {rate.isPending ? t("sending") : rating ? t("update") : t("send")}
              </Button>
            </div>
          </form>
        ) : rating ? (
          <div className="flex flex-wrap items-start justify-between gap-3" data-testid="ticket-rating-given">
            <div className="flex min-w-0 flex-col gap-1">
              <span className="flex items-center gap-2">
                <Stars score={rating.score} label={t("given", { score: rating.score })} />
                <span className="text-sm font-medium">{t(`labels.${rating.score as 1 | 2 | 3 | 4 | 5}`)}</span>
              </span>
              {rating.comment ? <p className="text-sm break-words whitespace-pre-wrap">{tc("quoted", { text: rating.comment })}</p> : null}
              <span className="text-xs text-muted-foreground">{t("ratedOn", { date: formatDate(rating.rated_at, locale) })}</span>
            </div>
            <Button variant="outline" data-rating-edit onClick={() => setEditing(true)}>
              {t("edit")}
            </Button>
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}
