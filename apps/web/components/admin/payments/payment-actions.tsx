"use client";

import { Ban, RefreshCw } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormField, controlProps } from "@/components/form";
import { useToast } from "@/components/toaster";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Textarea } from "@/components/ui/input";
import { formatMoney } from "@/lib/format";
import { isOpenPayment } from "@/lib/payments";
import { useAppLocale } from "@/lib/use-app-locale";
import { cn } from "@/lib/utils";
import type { PaymentDto, PaymentStatus } from "@/lib/api/types";
import { usePaymentErrorMessage } from "./labels";
import { useRecheck, useVoidPayment } from "./queries";

/**
 * Whether "Vérifier maintenant" makes sense: CinetPay still has something to say. The API takes
 * open payments only (409 `not_open` for a flagged one: a check never changes it).
 */
export function canRecheck(payment: Pick<PaymentDto, "status" | "source">): boolean {
  return payment.source !== "offline" && isOpenPayment(payment.status);
}

/** Whether an admin may cancel it: an accepted offline payment. */
export function canVoid(payment: Pick<PaymentDto, "status" | "source">): boolean {
  return payment.source === "offline" && payment.status === "accepted";
}

type RecheckResult = { before: PaymentStatus; after: PaymentStatus } | { error: string };

/** "Vérifier maintenant": asks CinetPay at once, shows that it is asking, then what it answered. */
export function RecheckButton({ payment }: { payment: PaymentDto }) {
  const t = useTranslations("admin.payments.recheck");
  const ts = useTranslations("admin.payments.status");
  const errorMessage = usePaymentErrorMessage();
  const recheck = useRecheck(payment.id);
  const [result, setResult] = useState<RecheckResult | null>(null);
  const run = () => {
    setResult(null);
    const before = payment.status;
    recheck.mutate(undefined, {
      onSuccess: (updated) => setResult({ before, after: updated.status }),
      onError: (error) => setResult({ error: errorMessage(error) }),
    });
  };
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="outline" onClick={run} disabled={recheck.isPending} aria-describedby="recheck-hint">
          <RefreshCw aria-hidden="true" className={cn(recheck.isPending && "animate-spin")} />
          {recheck.isPending ? t("running") : t("button")}
        </Button>
        <p id="recheck-hint" className="text-sm text-muted-foreground">
          {t("hint")}
        </p>
      </div>
      <div aria-live="polite">
        {result && "error" in result ? <Alert tone="error">{result.error}</Alert> : null}
        {result && !("error" in result) ? (
          <Alert tone={result.after === "accepted" ? "success" : result.after === result.before ? "info" : "warning"} data-testid="recheck-result">
            {result.after === result.before ? t("unchanged", { status: ts(result.after) }) : t("changed", { status: ts(result.after) })}
          </Alert>
        ) : null}
      </div>
    </div>
  );
}

/** "Annuler le paiement" (admins, offline payments): a required reason; the payment stays, struck through. */
export function VoidButton({ payment }: { payment: PaymentDto }) {
  const t = useTranslations("admin.payments.void");
  const locale = useAppLocale();
  const toast = useToast();
  const errorMessage = usePaymentErrorMessage();
  const voiding = useVoidPayment(payment.id);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string>();
  const [formError, setFormError] = useState<string>();
  const confirm = () => {
    setFormError(undefined);
    if (!reason.trim()) {
      setError(t("reasonRequired"));
      return;
    }
    voiding.mutate(reason.trim(), {
      onSuccess: () => {
        toast.show("success", t("done"));
        setOpen(false);
        setReason("");
      },
      onError: (failure) => setFormError(errorMessage(failure)),
    });
  };
  return (
    <>
      <Button variant="outline" className="text-destructive" onClick={() => setOpen(true)}>
        <Ban aria-hidden="true" />
        {t("button")}
      </Button>
      <ConfirmDialog
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          if (!next) {
            setError(undefined);
            setFormError(undefined);
          }
        }}
        title={t("title")}
        description={t("text", {
          amount: formatMoney(payment.amount, payment.currency, locale),
          invoice: payment.invoice_number ?? "—",
          receipt: payment.receipt_number ?? "—",
        })}
        confirmLabel={voiding.isPending ? t("running") : t("confirm")}
        cancelLabel={t("keep")}
        onConfirm={confirm}
        pending={voiding.isPending}
        tone="destructive"
      >
        <FormField id="void-reason" label={t("reason")} error={error}>
          <Textarea
            {...controlProps("void-reason", error)}
            value={reason}
            maxLength={500}
            rows={3}
            onChange={(event) => {
              setReason(event.target.value);
              if (event.target.value.trim()) setError(undefined);
            }}
          />
        </FormField>
        {formError ? <Alert tone="error">{formError}</Alert> : null}
      </ConfirmDialog>
    </>
  );
}
