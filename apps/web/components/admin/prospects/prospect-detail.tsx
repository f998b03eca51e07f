"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { CircleCheck, FileText, Mail, MessageCircle, Pencil, Phone, Trash2, UserCheck } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { DetailSkeleton, RecordShell } from "@/components/record-shell";
import { BackLink } from "@/components/states";
import { useToast } from "@/components/toaster";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Alert } from "@/components/ui/alert";
import { isApiError } from "@/lib/api/errors";
import { formatDate, formatMoney } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { useErrorMessage } from "@/lib/use-error-message";
import { ProspectActivities } from "./activities";
import { StageBadge } from "./badges";
import { FollowUp } from "./follow-up";
import { PROSPECTS_PATH } from "./list-state";
import { whatsappLink, type Prospect, type Stage } from "./pipeline";
import { ProspectForm } from "./prospect-form";
import { useConvertProspect, useDeleteProspect, useMoveProspect, usePipeline, useProspect, useQuoteClient } from "./queries";
import { ReasonDialog } from "./reason-dialog";

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex min-w-0 flex-col gap-0.5">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="text-sm break-words">{children}</dd>
    </div>
  );
}

function useCodeMessage() {
  const t = useTranslations("admin.prospects.errors");
  const errorMessage = useErrorMessage();
  return (error: unknown) => {
    if (isApiError(error)) {
      if (error.code === "prospect_converted") return t("prospect_converted");
      if (error.code === "prospect_lost") return t("prospect_lost");
      if (error.fieldErrors.reason) return t("reason");
    }
    return errorMessage(error);
  };
}

/** The stage as a select; won and lost ask why first. A converted prospect stays won. */
function StageSelector({ prospect }: { prospect: Prospect }) {
  const t = useTranslations("admin.prospects.detail");
  const toast = useToast();
  const message = useCodeMessage();
  const pipeline = usePipeline();
  const move = useMoveProspect();
  const stages = pipeline.data?.columns.map((c) => c.stage) ?? [];
  const [pending, setPending] = useState<Stage | null>(null);

  const save = (stage: Stage, reason?: string) =>
    move.mutate(
      { prospect, stageId: stage.id, reason },
      {
        onSuccess: () => {
          setPending(null);
          toast.show("success", t("stageChanged", { stage: stage.name }));
        },
        onError: (error) => {
          setPending(null);
          toast.show("error", message(error));
        },
      },
    );

  return (
    <div className="flex min-w-0 flex-col gap-1.5">
      <Label htmlFor="prospect-stage">{t("stageLabel")}</Label>
      <NativeSelect
        id="prospect-stage"
        value={prospect.stage_id}
        disabled={Boolean(prospect.converted_at) || move.isPending || stages.length === 0}
        onChange={(event) => {
          const stage = stages.find((s) => s.id === event.target.value);
          if (!stage) return;
          if (stage.kind === "open") save(stage);
          else setPending(stage);
        }}
        className="sm:w-64"
      >
        {stages.length === 0 ? <option value={prospect.stage_id}>{prospect.stage_name}</option> : null}
        {stages.map((stage) => (
          <option key={stage.id} value={stage.id}>
            {stage.name}
          </option>
        ))}
      </NativeSelect>
      <ReasonDialog
        open={pending !== null}
        company={prospect.company}
        kind={pending?.kind ?? "lost"}
        pending={move.isPending}
        onCancel={() => setPending(null)}
        onConfirm={(reason) => pending && save(pending, reason)}
      />
    </div>
  );
}

function ContactCard({ prospect }: { prospect: Prospect }) {
  const t = useTranslations("admin.prospects.detail");
  const link = "inline-flex min-h-11 items-center gap-2 break-all text-sm font-medium text-primary hover:underline";
  const any = prospect.email || prospect.phone || prospect.whatsapp;
  return (
    <Card aria-labelledby="contact-title">
      <CardHeader>
        <CardTitle id="contact-title">{t("contact")}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-1">
        {prospect.contact_name ? <p className="font-medium">{prospect.contact_name}</p> : null}
        {prospect.email ? (
          <a href={`mailto:${prospect.email}`} className={link} aria-label={t("mail", { email: prospect.email })}>
            <Mail className="size-4 shrink-0" aria-hidden="true" />
            {prospect.email}
          </a>
        ) : null}
        {prospect.phone ? (
          <a href={`tel:${prospect.phone.replace(/[^\d+]/g, "")}`} className={link} aria-label={t("call", { number: prospect.phone })}>
            <Phone className="size-4 shrink-0" aria-hidden="true" />
            {prospect.phone}
          </a>
        ) : null}
        {prospect.whatsapp ? (
          <a href={whatsappLink(prospect.whatsapp)} target="_blank" rel="noopener noreferrer" className={link} aria-label={t("whatsapp", { number: prospect.whatsapp })}>
            <MessageCircle className="size-4 shrink-0" aria-hidden="true" />
            {prospect.whatsapp}
          </a>
        ) : null}
        {any ? null : <p className="text-sm text-muted-foreground">{t("noContact")}</p>}
      </CardContent>
    </Card>
  );
}

function DetailsCard({ prospect }: { prospect: Prospect }) {
  const t = useTranslations("admin.prospects");
  const locale = useAppLocale();
  const none = t("detail.none");
  return (
    <Card aria-labelledby="details-title">
      <CardHeader>
        <CardTitle id="details-title">{t("detail.segmentation")}</CardTitle>
      </CardHeader>
      <CardContent>
        <dl className="grid grid-cols-2 gap-3">
          <Fact label={t("detail.source")}>{t(`sources.${prospect.source}`)}</Fact>
          <Fact label={t("detail.expectedClose")}>{prospect.expected_close ? formatDate(prospect.expected_close, locale) : none}</Fact>
          <Fact label={t("detail.sector")}>{prospect.sector || none}</Fact>
          <Fact label={t("detail.city")}>{prospect.city || none}</Fact>
          <Fact label={t("detail.size")}>{prospect.size ? t(`sizes.${prospect.size}`) : none}</Fact>
          <Fact label={t("detail.tags")}>
            {prospect.tags.length ? (
              <span className="flex flex-wrap gap-1">
                {prospect.tags.map((tag) => (
                  <Badge key={tag}>{tag}</Badge>
                ))}
              </span>
            ) : (
              none
            )}
          </Fact>
        </dl>
        {prospect.notes ? (
          <div className="mt-4">
            <h3 className="text-xs text-muted-foreground">{t("detail.notes")}</h3>
            <p className="mt-0.5 text-sm break-words whitespace-pre-line">{prospect.notes}</p>
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}

/** « Faire un devis », « Convertir en client » and « Supprimer », each with what it needs first. */
function Actions({ prospect, onEdit }: { prospect: Prospect; onEdit: () => void }) {
  const t = useTranslations("admin.prospects.detail");
  const router = useRouter();
  const toast = useToast();
  const message = useCodeMessage();
  const quote = useQuoteClient(prospect.id);
  const convert = useConvertProspect(prospect.id);
  const remove = useDeleteProspect(prospect.id);
  const [confirming, setConfirming] = useState<"convert" | "delete" | null>(null);
  const [convertError, setConvertError] = useState<string>();
  const converted = Boolean(prospect.converted_at);
  const lost = prospect.stage_kind === "lost";

  const startQuote = () =>
    quote.mutate(undefined, {
      onSuccess: ({ client_id }) => router.push(`/admin/facturation/devis/nouveau?client=${client_id}`),
      onError: (error) => toast.show("error", t("quoteFailed", { message: message(error) })),
    });

  const doConvert = () => {
    setConvertError(undefined);
    convert.mutate(undefined, {
      onSuccess: (conversion) => {
        setConfirming(null);
        toast.show("success", t("converted", { company: prospect.company, email: conversion.invited_email }));
      },
      onError: (error) => {
        if (isApiError(error) && error.fieldErrors.email) setConvertError(t("convertNeedsEmail"));
        else setConvertError(message(error));
      },
    });
  };

  const doDelete = () =>
    remove.mutate(undefined, {
      onSuccess: () => {
        toast.show("success", t("deleted", { company: prospect.company }));
        router.push(PROSPECTS_PATH);
      },
      onError: (error) => {
        setConfirming(null);
        toast.show("error", message(error));
      },
    });

  return (
    <div className="flex flex-wrap gap-2" role="group" aria-label={t("actions")}>
      <Button variant="outline" onClick={onEdit}>
        <Pencil aria-hidden="true" />
        {t("edit")}
      </Button>
      {!lost ? (
        <Button variant="outline" onClick={startQuote} disabled={quote.isPending}>
          <FileText aria-hidden="true" />
          {t("quote")}
        </Button>
      ) : null}
      {!converted && !lost ? (
        <Button
          onClick={() => {
            setConvertError(undefined);
            setConfirming("convert");
          }}
        >
          <UserCheck aria-hidden="true" />
          {t("convert")}
        </Button>
      ) : null}
      {!converted ? (
        <Button variant="ghost" className="text-destructive" onClick={() => setConfirming("delete")}>
          <Trash2 aria-hidden="true" />
          {t("delete")}
        </Button>
      ) : null}
      <ConfirmDialog
        open={confirming === "convert"}
        onOpenChange={(open) => setConfirming(open ? "convert" : null)}
        title={t("convertTitle", { company: prospect.company })}
        description={prospect.email ? t("convertBody", { email: prospect.email }) : t("convertNeedsEmail")}
        confirmLabel={t("convertConfirm")}
        cancelLabel={t("cancel")}
        onConfirm={doConvert}
        pending={convert.isPending}
      >
        {convertError ? <Alert tone="error">{convertError}</Alert> : null}
      </ConfirmDialog>
      <ConfirmDialog
        open={confirming === "delete"}
        onOpenChange={(open) => setConfirming(open ? "delete" : null)}
        title={t("deleteTitle", { company: prospect.company })}
        description={t("deleteBody")}
        confirmLabel={t("deleteConfirm")}
        cancelLabel={t("cancel")}
        onConfirm={doDelete}
        pending={remove.isPending}
        tone="destructive"
      />
    </div>
  );
}

function ProspectView({ prospect }: { prospect: Prospect }) {
  const t = useTranslations("admin.prospects");
  const locale = useAppLocale();
  const [editing, setEditing] = useState(false);

  return (
    <div className="flex min-w-0 flex-col gap-4">
      <BackLink href={PROSPECTS_PATH} label={t("detail.back")} />
      <header className="flex flex-col gap-3">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-2xl font-semibold tracking-tight break-words">{prospect.company}</h1>
          <StageBadge name={prospect.stage_name} kind={prospect.stage_kind} />
        </div>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          <Fact label={t("detail.value")}>
            <span className="font-semibold tabular-nums" data-testid="prospect-value">
              {formatMoney(prospect.estimated_value, "XOF", locale)}
            </span>
          </Fact>
          <Fact label={t("detail.weighted", { probability: prospect.probability })}>
            <span className="tabular-nums">{formatMoney(prospect.weighted_value, "XOF", locale)}</span>
          </Fact>
          <Fact label={t("detail.owner")}>{prospect.owner_name ?? t("detail.none")}</Fact>
          <Fact label={t("detail.nextFollowUp")}>
            <span data-testid="prospect-follow-up">{prospect.next_follow_up ? <FollowUp date={prospect.next_follow_up} stageKind={prospect.stage_kind} /> : t("detail.none")}</span>
          </Fact>
        </dl>
        {prospect.converted_at && prospect.client_id ? (
          <Alert tone="success">
            <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <span className="inline-flex items-center gap-1.5 font-medium">
                <CircleCheck className="size-4" aria-hidden="true" />
                {t("detail.convertedOn", { date: formatDate(prospect.converted_at, locale) })}
              </span>
              <Link href={`/admin/clients/${prospect.client_id}`} className="font-medium text-primary underline">
                {t("detail.openClient")}
              </Link>
            </span>
          </Alert>
        ) : null}
        {prospect.outcome_reason && prospect.stage_kind !== "open" ? <p className="text-sm text-muted-foreground">{t("detail.outcome", { reason: prospect.outcome_reason })}</p> : null}
        {editing ? null : (
          <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
            <StageSelector prospect={prospect} />
            <Actions prospect={prospect} onEdit={() => setEditing(true)} />
          </div>
        )}
      </header>
      {editing ? (
        <section aria-labelledby="edit-title" className="flex flex-col gap-3">
          <h2 id="edit-title" className="text-lg font-semibold">
            {t("form.editTitle", { company: prospect.company })}
          </h2>
          <ProspectForm prospect={prospect} onDone={() => setEditing(false)} />
        </section>
      ) : (
        <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]">
          <div className="flex min-w-0 flex-col gap-4">
            <ContactCard prospect={prospect} />
            <DetailsCard prospect={prospect} />
          </div>
          <ProspectActivities prospect={prospect} />
        </div>
      )}
    </div>
  );
}

export function ProspectDetail({ id }: { id: string }) {
  const query = useProspect(id);
  return (
    <RecordShell query={query} skeleton={<DetailSkeleton blocks={["h-24", "h-40", "h-64"]} />}>
      {(prospect) => <ProspectView prospect={prospect} />}
    </RecordShell>
  );
}
