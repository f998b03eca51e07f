"use client";

import { BellRing, Send, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Progress } from "@/components/ui/progress";
import { useErrorMessage } from "@/lib/use-error-message";
import type { Invoice } from "@/lib/api/types";
import { eligibleIds, summarize, type BulkAction, type BulkSummary } from "./bulk";
import { useBulkInvoices } from "./desk-queries";

type Phase =
  | { step: "confirm"; action: BulkAction; ids: string[]; skipped: number }
  | { step: "running"; action: BulkAction; done: number; total: number }
  | { step: "done"; action: BulkAction; summary: BulkSummary; error?: string };

/** How staff recognise an invoice in the summary: its number, or its client for a draft. */
function invoiceName(invoice: Pick<Invoice, "number" | "client_name"> | undefined, draft: string): string {
  if (!invoice) return "—";
  return invoice.number ?? `${draft} · ${invoice.client_name}`;
}

/**
 * The bar over the list once invoices are ticked: "Envoyer" the drafts, "Relancer" the unpaid
 * ones. A question first (how many, and how many are left aside), then progress batch by batch,
 * then what went through and, invoice by invoice, what did not and why.
 */
export function BulkActions({ rows, selected, onClear }: { rows: Invoice[]; selected: ReadonlySet<string>; onClear: () => void }) {
  const t = useTranslations("admin.billing.bulk");
  const tb = useTranslations("admin.billing");
  const errorMessage = useErrorMessage();
  const bulk = useBulkInvoices();
  const [phase, setPhase] = useState<Phase | null>(null);
  // The rows as they were when the action started: the list reloads under the dialog.
  const [names, setNames] = useState<Map<string, string>>(new Map());

  const count = selected.size;
  const eligible = { send: eligibleIds("send", rows, selected), remind: eligibleIds("remind", rows, selected) };

  const ask = (action: BulkAction) => setPhase({ step: "confirm", action, ids: eligible[action], skipped: count - eligible[action].length });

  const run = async (action: BulkAction, ids: string[]) => {
    setNames(new Map(rows.map((row) => [row.id, invoiceName(row, tb("draft"))])));
    setPhase({ step: "running", action, done: 0, total: ids.length });
    const { results, error } = await bulk.mutateAsync({
      action,
      ids,
      onProgress: (done, total) => setPhase({ step: "running", action, done, total }),
    });
    setPhase({ step: "done", action, summary: summarize(results), error: error ? errorMessage(error) : undefined });
    onClear();
  };

  const close = (open: boolean) => {
    if (!open && phase?.step !== "running") setPhase(null);
  };

  return (
    <>
      {count > 0 ? (
        <div
          role="region"
          aria-label={t("barLabel")}
          // Stays in sight under the header while staff scroll down the page to tick more rows.
          className="sticky top-16 z-30 mb-3 flex flex-wrap items-center gap-2 rounded-lg border border-primary/40 bg-card px-3 py-2 shadow-sm"
          data-testid="bulk-bar"
        >
          <span className="mr-auto text-sm font-medium" aria-live="polite">
            {t("selected", { count })}
          </span>
          <Button size="sm" variant="outline" disabled={eligible.send.length === 0} onClick={() => ask("send")}>
            <Send aria-hidden="true" />
            {t("sendCount", { count: eligible.send.length })}
          </Button>
          <Button size="sm" variant="outline" disabled={eligible.remind.length === 0} onClick={() => ask("remind")}>
            <BellRing aria-hidden="true" />
            {t("remindCount", { count: eligible.remind.length })}
          </Button>
          <Button size="sm" variant="ghost" onClick={onClear}>
            <X aria-hidden="true" />
            {t("clear")}
          </Button>
        </div>
      ) : null}
      <Dialog open={phase !== null} onOpenChange={close}>
        {phase ? (
          <DialogContent
            closeLabel={t("close")}
            hideClose={phase.step === "running"}
            onEscapeKeyDown={(event) => phase.step === "running" && event.preventDefault()}
            onInteractOutside={(event) => phase.step === "running" && event.preventDefault()}
            data-testid="bulk-dialog"
          >
            {phase.step === "confirm" ? (
              <>
                <DialogHeader>
                  <DialogTitle>{t(`confirmTitle.${phase.action}`, { count: phase.ids.length })}</DialogTitle>
                  <DialogDescription>{t(`confirmText.${phase.action}`)}</DialogDescription>
                </DialogHeader>
                {phase.skipped > 0 ? <Alert tone="info">{t(`skipped.${phase.action}`, { count: phase.skipped })}</Alert> : null}
                <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
                  <Button variant="outline" onClick={() => setPhase(null)}>
                    {t("back")}
                  </Button>
                  <Button onClick={() => void run(phase.action, phase.ids)}>{t(`confirm.${phase.action}`, { count: phase.ids.length })}</Button>
                </div>
              </>
            ) : phase.step === "running" ? (
              <>
                <DialogHeader>
                  <DialogTitle>{t(`runningTitle.${phase.action}`)}</DialogTitle>
                  <DialogDescription aria-live="polite">{t("progress", { done: phase.done, total: phase.total })}</DialogDescription>
                </DialogHeader>
                <Progress value={(phase.done / Math.max(1, phase.total)) * 100} label={t(`runningTitle.${phase.action}`)} />
              </>
            ) : (
              <BulkResult action={phase.action} summary={phase.summary} error={phase.error} names={names} onClose={() => setPhase(null)} />
            )}
          </DialogContent>
        ) : null}
      </Dialog>
    </>
  );
}

function BulkResult({
  action,
  summary,
  error,
  names,
  onClose,
}: {
  action: BulkAction;
  summary: BulkSummary;
  error?: string;
  names: Map<string, string>;
  onClose: () => void;
}) {
  const t = useTranslations("admin.billing.bulk");
  return (
    <>
      <DialogHeader>
        <DialogTitle>{t(`resultTitle.${action}`)}</DialogTitle>
        <DialogDescription data-testid="bulk-done">{t(`done.${action}`, { count: summary.done.length })}</DialogDescription>
      </DialogHeader>
      {error ? <Alert tone="error">{t("interrupted", { message: error })}</Alert> : null}
      {summary.failed.length > 0 ? (
        <section aria-labelledby="bulk-failed-title" className="flex flex-col gap-2" data-testid="bulk-failures">
          <h3 id="bulk-failed-title" className="text-sm font-semibold text-destructive">
            {t("failedTitle", { count: summary.failed.length })}
          </h3>
          <ul className="flex flex-col divide-y rounded-md border text-sm">
            {summary.failed.map((failure) => (
              <li key={failure.id} className="flex flex-col gap-0.5 px-3 py-2">
                <span className="font-medium tabular-nums">{names.get(failure.id) ?? "—"}</span>
                <span className="text-muted-foreground">
                  {failure.reason === "other" ? t("failures.other", { detail: failure.detail ?? "—" }) : t(`failures.${failure.reason}`)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div className="flex justify-end">
        <Button onClick={onClose}>{t("close")}</Button>
      </div>
    </>
  );
}
