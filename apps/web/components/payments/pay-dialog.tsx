"use client";

import Link from "next/link";
import { CreditCard, Layers, Loader2, Smartphone } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { isApiError } from "@/lib/api/errors";
import type { OnlinePaymentDto } from "@/lib/api/types";
import { formatMoney } from "@/lib/format";
import { checkInstalment, offersInstalment, PAY_CHANNELS, type AmountError, type PayChannel } from "@/lib/payments";
import { useAppLocale } from "@/lib/use-app-locale";
import { useErrorMessage } from "@/lib/use-error-message";
import { cn } from "@/lib/utils";
import { useInitPayment } from "@/queries/payments";

const CHANNEL_ICON = { MOBILE_MONEY: Smartphone, CREDIT_CARD: CreditCard, ALL: Layers } as const;

/** What went wrong when starting the payment, with what the person can do about it. */
type Problem =
  | { kind: "message"; text: string }
  /** 409 `payment_in_progress`: another payment of this invoice is open; offer to resume it. */
  | { kind: "inProgress"; text: string; checkoutUrl: string | null; paymentId: string | null }
  /** 503 `payment_provider_unavailable`: CinetPay unreachable, nothing recorded; try again. */
  | { kind: "unavailable"; text: string };

export type PayDialogInvoice = { id: string; number: string; currency: string };

/** A radio button drawn as a card: the whole card is the target, 48 px high at least. */
function Choice({
  name,
  value,
  checked,
  onChange,
  disabled,
  icon,
  label,
  hint,
}: {
  name: string;
  value: string;
  checked: boolean;
  onChange: () => void;
  disabled?: boolean;
  icon?: React.ReactNode;
  label: string;
  hint?: string;
}) {
  return (
    <label
      className={cn(
        "flex min-h-12 cursor-pointer items-center gap-3 rounded-lg border bg-card px-3 py-2.5",
        "has-checked:border-primary has-checked:bg-primary/5 has-checked:ring-1 has-checked:ring-primary",
        "has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-ring",
        disabled && "cursor-not-allowed opacity-60",
      )}
    >
      <input
        type="radio"
        name={name}
        value={value}
        checked={checked}
        onChange={onChange}
        disabled={disabled}
        className="size-5 shrink-0 accent-primary outline-none"
      />
      {icon}
      <span className="flex min-w-0 flex-col">
        <span className="font-medium">{label}</span>
        {hint ? <span className="text-sm text-muted-foreground">{hint}</span> : null}
      </span>
    </label>
  );
}

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
  const t = useTranslations("payments");
  const td = useTranslations("payments.dialog");
  const tc = useTranslations("common");
  const locale = useAppLocale();
  const errorMessage = useErrorMessage();
  const init = useInitPayment();
  const uid = useId();
  const amountRef = useRef<HTMLInputElement>(null);

  const money = (amount: number) => formatMoney(amount, invoice.currency, locale);
  const instalments = offersInstalment(online);
  const range = { min: online.min_amount, max: online.max_amount, step: online.step };

  const [mode, setMode] = useState<"full" | "instalment">("full");
  const [input, setInput] = useState("");
  const [showAmountError, setShowAmountError] = useState(false);
  const [serverAmountError, setServerAmountError] = useState<string>();
  const [channel, setChannel] = useState<PayChannel>("MOBILE_MONEY");
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

  const check = mode === "instalment" ? checkInstalment(input, range) : ({ ok: true, amount: online.max_amount } as const);
  const amount = check.ok ? check.amount : null;
  const busy = init.isPending || redirecting;

  const amountErrorText = (error: AmountError): string => {
    switch (error.code) {
      case "notMultiple":
        return td("errors.notMultiple", { step: error.step });
      case "aboveMaximum":
        return td("errors.aboveMaximum", { max: money(error.max) });
      case "belowMinimum":
        return td("errors.belowMinimum", { min: money(error.min) });
      default:
        return td(`errors.${error.code}`);
    }
  };
  const amountError =
    mode !== "instalment" ? undefined : serverAmountError ?? (showAmountError && !check.ok ? amountErrorText(check.error) : undefined);

  const submit = async () => {
    setProblem(undefined);
    setServerAmountError(undefined);
    if (amount === null) {
      setShowAmountError(true);
      amountRef.current?.focus();
      return;
    }
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
        if (mode === "instalment") {
          setServerAmountError(amountErrors.join(" "));
          amountRef.current?.focus();
        } else {
          setProblem({ kind: "message", text: amountErrors.join(" ") });
        }
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

  const rest = amount === null ? null : online.balance - amount;

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
          {instalments ? (
            <fieldset className="flex flex-col gap-2">
              <legend className="mb-2 text-sm font-medium">{td("amountLegend")}</legend>
              <Choice
                name={`${uid}-mode`}
                value="full"
                checked={mode === "full"}
                onChange={() => setMode("full")}
                disabled={busy}
                label={td("full")}
                hint={money(online.max_amount)}
              />
              <Choice
                name={`${uid}-mode`}
                value="instalment"
                checked={mode === "instalment"}
                onChange={() => {
                  setMode("instalment");
                  // After the input has rendered.
                  setTimeout(() => amountRef.current?.focus(), 0);
                }}
                disabled={busy}
                label={td("instalment")}
                hint={td("instalmentHint")}
              />
              {mode === "instalment" ? (
                <div className="flex flex-col gap-1.5 pt-1">
                  <Label htmlFor={`${uid}-amount`}>{td("amountLabel")}</Label>
                  <Input
                    ref={amountRef}
                    id={`${uid}-amount`}
                    aria-invalid={amountError ? true : undefined}
                    aria-describedby={amountError ? `${uid}-amount-error ${uid}-amount-hint` : `${uid}-amount-hint`}
                    inputMode="numeric"
                    autoComplete="off"
                    enterKeyHint="go"
                    value={input}
                    disabled={busy}
                    onChange={(event) => {
                      setInput(event.target.value);
                      setServerAmountError(undefined);
                    }}
                    onBlur={() => setShowAmountError(input.trim() !== "")}
                    className="tabular-nums"
                  />
                  <p id={`${uid}-amount-hint`} className="text-sm text-muted-foreground">
                    {td("amountHelp", { min: money(online.min_amount), max: money(online.max_amount), step: online.step })}
                  </p>
                  {amountError ? (
                    <p id={`${uid}-amount-error`} className="text-sm font-medium text-destructive">
                      {amountError}
                    </p>
                  ) : null}
                </div>
              ) : null}
            </fieldset>
          ) : null}

          <fieldset className="flex flex-col gap-2">
            <legend className="mb-2 text-sm font-medium">{td("channelLegend")}</legend>
            {PAY_CHANNELS.map((value) => {
              const Icon = CHANNEL_ICON[value];
              return (
                <Choice
                  key={value}
                  name={`${uid}-channel`}
                  value={value}
                  checked={channel === value}
                  onChange={() => setChannel(value)}
                  disabled={busy}
                  icon={<Icon className="size-5 shrink-0 text-muted-foreground" aria-hidden="true" />}
                  label={t(`channel.${value}`)}
                  hint={td(`channelHint.${value}`)}
                />
              );
            })}
          </fieldset>

          <p className="text-xs text-muted-foreground">{td("redirectNote")}</p>
        </form>

        {/* Stays in view while the rest scrolls: what will be paid, what went wrong, and the button. */}
        <div className="sticky bottom-0 -mx-4 mt-auto flex flex-col gap-3 border-t bg-card px-4 pt-3 pb-[max(1rem,env(safe-area-inset-bottom))] sm:-mx-5 sm:px-5 sm:pb-5">
          <div aria-live="polite" className="min-h-11" data-testid="pay-summary">
            {amount !== null ? (
              <>
                <p className="text-base font-semibold tabular-nums">{td("summary", { amount: money(amount) })}</p>
                <p className="text-sm text-muted-foreground tabular-nums">
                  {t(`channel.${channel}`)} ·{" "}
                  {rest !== null && rest >= online.step ? td("summaryRest", { amount: money(rest) }) : td("summaryAll")}
                </p>
              </>
            ) : (
              <p className="text-sm text-muted-foreground">{td("errors.required")}</p>
            )}
          </div>
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
