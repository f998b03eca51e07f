"use client";

import { ArrowDown, ArrowUp, Plus, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { useFieldArray, useWatch, type UseFormReturn } from "react-hook-form";
import { TotalsBlock } from "@/components/billing/line-items";
import { FormField, controlProps } from "@/components/form";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Input, NativeSelect, Textarea } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { formatRate } from "@/lib/billing";
import { formatMoney } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { cn } from "@/lib/utils";
import type { BillingSettings, TaxRateChoice } from "@/lib/api/types";
import {
  LAST_LINE_FIELD,
  LINE_FIELDS,
  emptyLine,
  moveTarget,
  normalizePercent,
  rateKey,
  type FormPath,
  type LineField,
  type PricedLinesValues,
} from "./document-form";
import { useLivePrice, type LivePrice } from "./use-live-price";

/**
 * A form with lines and a discount typed as just those: react-hook-form cannot find `lines` among
 * the paths of a form type still unknown (`T`), though every `T` here has them.
 */
function pricedLinesForm<T extends PricedLinesValues>(form: UseFormReturn<T>): UseFormReturn<PricedLinesValues> {
  return form as unknown as UseFormReturn<PricedLinesValues>;
}

/**
 * The lines card of the quote, invoice and recurring-invoice editors: the lines, the document's
 * discount and the server's totals as they are typed.
 */
export function LinesCard<T extends PricedLinesValues>({
  form,
  prefix,
  settings,
  currency,
}: {
  form: UseFormReturn<T>;
  /** Ids of the fields: `<prefix>-line-<row>-<field>`, `<prefix>-discount`. */
  prefix: string;
  settings: BillingSettings;
  currency: string;
}) {
  const t = useTranslations("admin.billing.editor");
  const tc = useTranslations("common");
  const live = useLivePrice(form.control);
  const linesForm = pricedLinesForm(form);
  const discountError = linesForm.formState.errors.discount?.message ?? live.errors.discount;
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("lines.title")}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <LinesEditor
          form={form}
          prefix={prefix}
          taxRates={settings.tax_rates}
          defaultRate={rateKey(settings.default_tax_rate)}
          lineTotals={live.lineTotals}
          priceErrors={live.errors}
          currency={currency}
        />
        <div className="flex flex-col gap-4 border-t pt-4 sm:flex-row sm:items-start sm:justify-between">
          <FormField
            id={`${prefix}-discount`}
            label={t("fields.discount")}
            error={discountError}
            hint={t("fields.discountHint")}
            optional={tc("optional")}
            className="sm:w-56"
          >
            <Input
              {...controlProps(`${prefix}-discount`, discountError, t("fields.discountHint"))}
              inputMode="decimal"
              autoComplete="off"
              placeholder="0"
              {...linesForm.register("discount")}
            />
          </FormField>
          <LiveTotals form={linesForm} currency={currency} live={live} />
        </div>
      </CardContent>
    </Card>
  );
}

/** The server's totals of the form as it stands, with a word while they are being computed. */
function LiveTotals({ form, currency, live }: { form: UseFormReturn<PricedLinesValues>; currency: string; live: LivePrice }) {
  const t = useTranslations("admin.billing.editor");
  const discount = useWatch({ control: form.control, name: "discount" });
  const { price, stale, pending, blocked } = live;
  return (
    <div className="flex flex-col gap-2 sm:ml-auto sm:w-80" data-testid="live-totals">
      <p className="min-h-5 text-xs text-muted-foreground" role="status" aria-live="polite">
        {pending ? t("totals.computing") : blocked ? t("totals.stale") : !price ? t("totals.empty") : ""}
      </p>
      {price ? (
        <TotalsBlock
          totals={{ ...price, items: [], currency, discount: normalizePercent(discount ?? "") ?? undefined }}
          className={cn("w-full transition-opacity", stale && "opacity-60")}
        />
      ) : null}
    </div>
  );
}

type Props<T extends PricedLinesValues> = {
  form: UseFormReturn<T>;
  /** Ids of the fields: `<prefix>-line-<row>-<field>`. */
  prefix: string;
  taxRates: TaxRateChoice[];
  defaultRate: string;
  /** Each row's HT, from the server. */
  lineTotals: Map<number, number>;
  /** The server's messages from pricing, shown where the form has none of its own. */
  priceErrors: Partial<Record<FormPath, string>>;
  currency: string;
};

/**
 * The grid of a line from `lg` up: label (and description under it), quantity, price, VAT,
 * discount, HT; the line's buttons under its HT.
 */
const ROW_GRID = "lg:grid lg:grid-cols-[minmax(0,1fr)_5rem_8rem_7.5rem_5rem_8.25rem] lg:items-start lg:gap-x-3";

/**
 * The lines of a quote, an invoice or a recurring template (any form with lines and a discount),
 * for the keyboard as much as the mouse: Enter in a line's last field adds a line below and goes
 * to it; Alt+↑ / Alt+↓ move the line holding the focus; each line has buttons to move it and
 * remove it. A table's row from `lg` up, a card below.
 */
export function LinesEditor<T extends PricedLinesValues>({ form: anyForm, prefix, taxRates, defaultRate, lineTotals, priceErrors, currency }: Props<T>) {
  const t = useTranslations("admin.billing.editor");
  const locale = useAppLocale();
  const form = pricedLinesForm(anyForm);
  const { fields, insert, append, remove, move } = useFieldArray({ control: form.control, name: "lines" });
  const lines = useWatch({ control: form.control, name: "lines" });
  const [announcement, setAnnouncement] = useState("");
  const addButton = useRef<HTMLButtonElement>(null);
  const errors = form.formState.errors.lines;
  const id = (row: number, field: LineField) => `${prefix}-line-${row}-${field}`;
  const focus = (row: number, field: LineField) => requestAnimationFrame(() => document.getElementById(id(row, field))?.focus());

  const addAfter = (row: number) => {
    insert(row + 1, emptyLine(defaultRate), { shouldFocus: false });
    setAnnouncement(t("lines.added", { position: row + 2 }));
    focus(row + 1, "label");
  };
  const moveLine = (row: number, direction: "up" | "down", field?: LineField) => {
    const target = moveTarget(row, direction, fields.length);
    if (target === null) return;
    move(row, target);
    setAnnouncement(t("lines.moved", { position: target + 1, count: fields.length }));
    if (field) focus(target, field);
  };
  const removeLine = (row: number) => {
    remove(row);
    setAnnouncement(t("lines.removed", { position: row + 1 }));
    if (fields.length > 1) focus(Math.min(row, fields.length - 2), "label");
    else requestAnimationFrame(() => addButton.current?.focus());
  };

  const onKeyDown = (row: number, field: LineField) => (event: React.KeyboardEvent<HTMLElement>) => {
    if (event.altKey && (event.key === "ArrowUp" || event.key === "ArrowDown")) {
      event.preventDefault();
      moveLine(row, event.key === "ArrowUp" ? "up" : "down", field);
      return;
    }
    // Enter goes through the line (in the description it starts a new line of text).
    if (event.key !== "Enter" || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey || field === "description") return;
    event.preventDefault();
    if (field === LAST_LINE_FIELD) addAfter(row);
    else focus(row, LINE_FIELDS[LINE_FIELDS.indexOf(field) + 1]);
  };

  const rates = (row: number) => {
    const current = lines?.[row]?.tax_rate ?? "";
    const known = taxRates.some((choice) => rateKey(choice.rate) === current);
    return known || current === "" ? taxRates : [...taxRates, { label: formatRate(current, locale), rate: current }];
  };

  // Visible once above the column on wide screens, on each card on phones; the line's number for screen readers.
  const label = (row: number, field: LineField) => (
    <>
      {t(`lines.fields.${field}`)}
      <span className="sr-only"> {t("lines.ofLine", { position: row + 1 })}</span>
    </>
  );

  return (
    <div className="flex flex-col gap-3">
      {/* Keyboard shortcuts: of no use on a phone's touch screen. */}
      <p className="hidden text-sm text-muted-foreground lg:block" id={`${prefix}-lines-help`}>
        {t("lines.help")}
      </p>
      <div className={cn("hidden border-b pb-2 text-xs font-medium text-muted-foreground", ROW_GRID)} aria-hidden="true">
        <span>{t("lines.columns.label")}</span>
        <span className="text-right">{t("lines.columns.quantity")}</span>
        <span className="text-right">{t("lines.columns.unit_price")}</span>
        <span>{t("lines.columns.tax_rate")}</span>
        <span className="text-right">{t("lines.columns.discount")}</span>
        <span className="text-right">{t("lines.columns.total")}</span>
      </div>
      {fields.length === 0 ? <p className="rounded-lg border border-dashed px-4 py-6 text-center text-sm text-muted-foreground">{t("lines.empty")}</p> : null}
      <ol className="flex flex-col gap-3 lg:gap-0 lg:divide-y" aria-label={t("lines.title")} aria-describedby={`${prefix}-lines-help`}>
        {fields.map((field, row) => {
          const lineErrors = errors?.[row];
          const error = (name: LineField) => lineErrors?.[name]?.message ?? priceErrors[`lines.${row}.${name}`];
          const control = (name: LineField) => ({
            ...controlProps(id(row, name), error(name)),
            ...form.register(`lines.${row}.${name}`),
            onKeyDown: onKeyDown(row, name),
          });
          const total = lineTotals.get(row);
          const caption = lines?.[row]?.label?.trim() || t("lines.untitled", { position: row + 1 });
          const fieldBox = (name: LineField, input: React.ReactNode, className?: string) => (
            <div className={cn("flex min-w-0 flex-col gap-1.5", className)}>
              <Label htmlFor={id(row, name)} className="lg:sr-only">
                {label(row, name)}
              </Label>
              {input}
              {error(name) ? (
                <p id={`${id(row, name)}-error`} className="text-sm font-medium text-destructive">
                  {error(name)}
                </p>
              ) : null}
            </div>
          );
          return (
            <li
              key={field.id}
              className={cn("relative flex flex-col gap-3 rounded-lg border bg-card p-3 lg:gap-y-1 lg:rounded-none lg:border-0 lg:bg-transparent lg:px-0 lg:py-3", ROW_GRID)}
              data-testid="editor-line"
            >
              <span className="flex min-h-11 items-center text-sm font-semibold lg:hidden">{t("lines.position", { position: row + 1 })}</span>
              <div className="flex min-w-0 flex-col gap-2 lg:col-start-1 lg:row-span-2 lg:row-start-1">
                {fieldBox("label", <Input {...control("label")} autoComplete="off" placeholder={t("lines.labelPlaceholder")} />)}
                {fieldBox("description", <Textarea {...control("description")} rows={1} className="min-h-11" placeholder={t("lines.descriptionPlaceholder")} />)}
              </div>
              <div className="grid grid-cols-2 items-end gap-3 lg:contents">
                {fieldBox("quantity", <Input {...control("quantity")} inputMode="decimal" autoComplete="off" className="lg:text-right" />, "lg:col-start-2 lg:row-start-1")}
                {fieldBox(
                  "unit_price",
                  <Input {...control("unit_price")} inputMode="numeric" autoComplete="off" placeholder="150 000" className="lg:text-right" />,
                  "lg:col-start-3 lg:row-start-1",
                )}
                {fieldBox(
                  "tax_rate",
                  <NativeSelect {...control("tax_rate")}>
                    {rates(row).map((choice) => (
                      <option key={choice.rate} value={rateKey(choice.rate)}>
                        {choice.label}
                      </option>
                    ))}
                  </NativeSelect>,
                  "lg:col-start-4 lg:row-start-1",
                )}
                {fieldBox(
                  "discount",
                  <Input {...control("discount")} inputMode="decimal" autoComplete="off" placeholder="0" className="lg:text-right" />,
                  "lg:col-start-5 lg:row-start-1",
                )}
              </div>
              <div className="flex items-baseline justify-between gap-2 border-t pt-2 text-sm lg:col-start-6 lg:row-start-1 lg:block lg:border-0 lg:pt-2.5 lg:text-right">
                <span className="text-muted-foreground lg:sr-only">{t("lines.columns.total")}</span>
                <output className="font-semibold tabular-nums" data-testid="line-total" aria-label={t("lines.totalOf", { label: caption })}>
                  {total === undefined ? "—" : formatMoney(total, currency, locale)}
                </output>
              </div>
              <div className="absolute top-3 right-2 flex justify-end gap-0.5 lg:static lg:col-start-6 lg:row-start-2 lg:-mr-2">
                <Button type="button" variant="ghost" size="icon" onClick={() => moveLine(row, "up")} disabled={row === 0} aria-label={t("lines.moveUp", { label: caption })}>
                  <ArrowUp aria-hidden="true" />
                </Button>
                <Button
                  type="button"
                  variant="ghost"
                  size="icon"
                  onClick={() => moveLine(row, "down")}
                  disabled={row === fields.length - 1}
                  aria-label={t("lines.moveDown", { label: caption })}
                >
                  <ArrowDown aria-hidden="true" />
                </Button>
                <Button type="button" variant="ghost" size="icon" onClick={() => removeLine(row)} aria-label={t("lines.remove", { label: caption })}>
                  <Trash2 aria-hidden="true" />
                </Button>
              </div>
            </li>
          );
        })}
      </ol>
      {errors?.root?.message || errors?.message ? <p className="text-sm font-medium text-destructive">{errors?.root?.message ?? errors?.message}</p> : null}
      <Button
        ref={addButton}
        type="button"
        variant="outline"
        className="self-start"
        onClick={() => {
          append(emptyLine(defaultRate), { shouldFocus: false });
          setAnnouncement(t("lines.added", { position: fields.length + 1 }));
          focus(fields.length, "label");
        }}
      >
        <Plus aria-hidden="true" />
        {t("lines.add")}
      </Button>
      <p role="status" aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </div>
  );
}
