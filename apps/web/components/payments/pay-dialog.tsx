"use client";

import Link from "next/link";
import { Loader2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { isApiError } from "@/lib/api/errors";
import type { OnlinePaymentDto } from "@/lib/api/types";
import { useErrorMessage } from "@/lib/use-error-message";
import { useInitPayment } from "@/queries/payments";
import { PayChoiceFields, PaySummary, usePayChoices } from "./pay-choices";

/** What went wrong when starting the payment, with what the person can do about it. */
type Problem =
  | { kind: "message"; text: string }
  /** 409 `payment_in_progress`: another payment of this invoice is open; offer to resume it. */
  | { kind: "inProgress"; text: string; checkoutUrl: string | null; paymentId: string | null }
  /** 503 `payment_provider_unavailable`: CinetPay unreachable, nothing recorded; try again. */
  | { kind: "unavailable"; text: string };

export type PayDialogInvoice = { id: string; number: string; currency: string };

/**
 * "Payer la facture NX-…": the amount (the whole balance, or an instalment when the client may
 * pay in several times), the channel, a summary, then CinetPay's checkout page. The amount rules
 * mirror the API's, so that mistakes show at once; the API's answer stays the authority.
 */
export function PayDialog({
  invoice,
  online,
  open,
  onOpenChange,
}: {
  invoice: PayDialogInvoice;
  online: OnlinePaymentDto;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const td = useTranslations("payments.dialog");
  const tc = useTranslations("common");
  const errorMessage = useErrorMessage();
  const init = useInitPayment();
  const uid = useId();
  const choices = usePayChoices(online, invoice.currency);
  const { amount, channel, money } = choices;

  const [problem, setProblem] = useState<Problem>();
  const [redirecting, setRedirecting] = useState(false);

  // Back from CinetPay with the browser's back button, the page may come from the back-forward
  // cache, frozen as it was while leaving: let the person choose again.
  useEffect(() => {
    const onShow = (event: PageTransitionEvent) => {
      if (event.persisted) setRedirecting(false);
    };
    window.addEventListener("pageshow", onShow);
    return () => window.removeEventListener("pageshow", onShow);
  }, []);

  const busy = init.isPending || redirecting;

  const submit = async () => {
    setProblem(undefined);
    if (!choices.validate() || amount === null) return;
    try {
      const payment = await init.mutateAsync({ invoice_id: invoice.id, amount, channel });
      setRedirecting(true);
      window.location.assign(payment.checkout_url ?? `/paiements/${payment.id}`);
    } catch (error) {
      if (!isApiError(error)) {
        setProblem({ kind: "message", text: errorMessage(error) });
        return;
      }
      const body = error.body ?? {};
      const amountErrors = error.fieldErrors.amount;
      if (error.status === 400 && amountErrors?.length) {
        if (!choices.showServerAmountError(amountErrors.join(" "))) setProblem({ kind: "message", text: amountErrors.join(" ") });
      } else if (error.code === "payment_in_progress") {
        setProblem({
          kind: "inProgress",
          text: errorMessage(error),
          checkoutUrl: typeof body.checkout_url === "string" ? body.checkout_url : null,
          paymentId: typeof body.payment_id === "string" ? body.payment_id : null,
        });
      } else if (error.code === "payment_provider_unavailable" || error.status === 503) {
        setProblem({ kind: "unavailable", text: errorMessage(error) });
      } else {
        setProblem({ kind: "message", text: errorMessage(error) });
      }
    }
  };

  return (
    <Dialog open={open} onOpenChange={(next) => (busy ? undefined : onOpenChange(next))}>
      <DialogContent closeLabel={tc("close")} className="pb-0 sm:pb-0" data-testid="pay-dialog">
        <DialogHeader>
          <DialogTitle>{td("title", { number: invoice.number })}</DialogTitle>
          <DialogDescription className="tabular-nums">{td("balance", { amount: money(online.balance) })}</DialogDescription>
        </DialogHeader>

        <form
          id={`${uid}-form`}
          noValidate
          className="flex flex-col gap-4"
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <PayChoiceFields state={choices} uid={uid} busy={busy} />

          <p className="text-xs text-muted-foreground">{td("redirectNote")}</p>
        </form>

        {/* Stays in view while the rest scrolls: what will be paid, what went wrong, and the button. */}
        <div className="sticky bottom-0 -mx-4 mt-auto flex flex-col gap-3 border-t bg-card px-4 pt-3 pb-[max(1rem,env(safe-area-inset-bottom))] sm:-mx-5 sm:px-5 sm:pb-5">
          <PaySummary state={choices} />
          {problem ? (
            <Alert tone="error" className="flex flex-col gap-2">
              <p>{problem.text}</p>
              {problem.kind === "inProgress" ? (
                problem.checkoutUrl ? (
                  <Button
                    type="button"
                    variant="outline"
                    className="self-start"
                    onClick={() => {
                      setRedirecting(true);
                      window.location.assign(problem.checkoutUrl!);
                    }}
                  >
                    {td("resumeCurrent")}
                  </Button>
                ) : problem.paymentId ? (
                  <Button asChild variant="outline" className="self-start">
                    <Link href={`/paiements/${problem.paymentId}`}>{td("followCurrent")}</Link>
                  </Button>
                ) : null
              ) : problem.kind === "unavailable" ? (
                <Button type="submit" form={`${uid}-form`} variant="outline" className="self-start" disabled={busy}>
                  {tc("retry")}
                </Button>
              ) : null}
            </Alert>
          ) : null}

          <Button type="submit" form={`${uid}-form`} size="lg" disabled={busy} aria-disabled={busy}>
            {busy ? <Loader2 className="animate-spin" aria-hidden="true" /> : null}
            {busy ? td("redirecting") : td("continue")}
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}
