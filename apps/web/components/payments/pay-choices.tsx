"use client";

import { CreditCard, Layers, Smartphone } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { OnlinePaymentDto } from "@/lib/api/types";
import { formatMoney } from "@/lib/format";
import { checkInstalment, offersInstalment, PAY_CHANNELS, type AmountError, type PayChannel } from "@/lib/payments";
import { useAppLocale } from "@/lib/use-app-locale";
import { cn } from "@/lib/utils";

const CHANNEL_ICON = { MOBILE_MONEY: Smartphone, CREDIT_CARD: CreditCard, ALL: Layers } as const;

/** What the choices need to know of the invoice's `online_payment` (or a pay link's `payment`). */
export type PayRange = Pick<OnlinePaymentDto, "balance" | "min_amount" | "max_amount" | "step" | "partial_allowed">;

/** A radio button drawn as a card: the whole card is the target, 48 px high at least. */
export function Choice({
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
 * The state of the pay choices: the whole balance or an instalment (checked as the API checks it),
 * and the channel (Mobile Money first). `amount` is what would be paid, or null while the
 * instalment typed is not valid.
 */
export function usePayChoices(online: PayRange, currency: string) {
  const td = useTranslations("payments.dialog");
  const locale = useAppLocale();
  const amountRef = useRef<HTMLInputElement>(null);
  const [mode, setMode] = useState<"full" | "instalment">("full");
  const [input, setInput] = useState("");
  const [showAmountError, setShowAmountError] = useState(false);
  const [serverAmountError, setServerAmountError] = useState<string>();
  const [channel, setChannel] = useState<PayChannel>("MOBILE_MONEY");

  const money = (value: number) => formatMoney(value, currency, locale);
  const range = { min: online.min_amount, max: online.max_amount, step: online.step };
  const check = mode === "instalment" ? checkInstalment(input, range) : ({ ok: true, amount: online.max_amount } as const);
  const amount = check.ok ? check.amount : null;

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

  return {
    online,
    currency,
    money,
    instalments: offersInstalment(online),
    mode,
    setMode,
    input,
    setInput,
    setShowAmountError,
    setServerAmountError,
    channel,
    setChannel,
    amount,
    amountError,
    amountRef,
    /** Before sending: says why the amount cannot go yet and puts the focus on it; true when it can. */
    validate(): boolean {
      setServerAmountError(undefined);
      if (amount !== null) return true;
      setShowAmountError(true);
      amountRef.current?.focus();
      return false;
    },
    /** The API's 400 on `amount`, under the field (the whole balance has no field: false, say it elsewhere). */
    showServerAmountError(text: string): boolean {
      if (mode !== "instalment") return false;
      setServerAmountError(text);
      amountRef.current?.focus();
      return true;
    },
  };
}

export type PayChoicesState = ReturnType<typeof usePayChoices>;

/** The amount (whole balance or instalment, when the client may pay in several times) and the channel. */
export function PayChoiceFields({ state, uid, busy }: { state: PayChoicesState; uid: string; busy: boolean }) {
  const t = useTranslations("payments");
  const td = useTranslations("payments.dialog");
  const { online, money, amountError, amountRef, input } = state;
  return (
    <>
      {state.instalments ? (
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-2 text-sm font-medium">{td("amountLegend")}</legend>
          <Choice
            name={`${uid}-mode`}
            value="full"
            checked={state.mode === "full"}
            onChange={() => state.setMode("full")}
            disabled={busy}
            label={td("full")}
            hint={money(online.max_amount)}
          />
          <Choice
            name={`${uid}-mode`}
            value="instalment"
            checked={state.mode === "instalment"}
            onChange={() => {
              state.setMode("instalment");
              // After the input has rendered.
              setTimeout(() => amountRef.current?.focus(), 0);
            }}
            disabled={busy}
            label={td("instalment")}
            hint={td("instalmentHint")}
          />
          {state.mode === "instalment" ? (
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
                  state.setInput(event.target.value);
                  state.setServerAmountError(undefined);
                }}
                onBlur={() => state.setShowAmountError(input.trim() !== "")}
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
              checked={state.channel === value}
              onChange={() => state.setChannel(value)}
              disabled={busy}
              icon={<Icon className="size-5 shrink-0 text-muted-foreground" aria-hidden="true" />}
              label={t(`channel.${value}`)}
              hint={td(`channelHint.${value}`)}
            />
          );
        })}
      </fieldset>
    </>
  );
}

/** "Vous allez payer 150 000 FCFA" and what will be left, read out as it changes. */
export function PaySummary({ state }: { state: PayChoicesState }) {
  const t = useTranslations("payments");
  const td = useTranslations("payments.dialog");
  const { amount, online, money, channel } = state;
  const rest = amount === null ? null : online.balance - amount;
  return (
    <div aria-live="polite" className="min-h-11" data-testid="pay-summary">
      {amount !== null ? (
        <>
          <p className="text-base font-semibold tabular-nums">{td("summary", { amount: money(amount) })}</p>
          <p className="text-sm text-muted-foreground tabular-nums">
            {t(`channel.${channel}`)} · {rest !== null && rest >= online.step ? td("summaryRest", { amount: money(rest) }) : td("summaryAll")}
          </p>
        </>
      ) : (
        <p className="text-sm text-muted-foreground">{td("errors.required")}</p>
      )}
    </div>
  );
}
