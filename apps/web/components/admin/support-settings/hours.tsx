"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormError, FormField, controlProps } from "@/components/form";
import { SkeletonRows } from "@/components/list-shell";
import { ErrorState } from "@/components/states";
import { useToast } from "@/components/toaster";
import { Switch } from "@/components/admin/forms/switch";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Input, NativeSelect } from "@/components/ui/input";
import { isApiError } from "@/lib/api/errors";
import { useErrorMessage } from "@/lib/use-error-message";
import { TIME_ZONES, firstInvalidDay, timeChoices } from "./calendar";
import { useSaveSupportCalendar, useSupportCalendar, type OpenHours, type SupportCalendar } from "./queries";

const DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
const OTHER = "__other__";
const DEFAULT_HOURS: OpenHours = { open: "08:00", close: "18:00" };

/** A time menu that keeps a value off the half-hour grid (set through the API) as a choice. */
function TimeSelect({ value, choices, onChange, ...props }: Omit<React.ComponentProps<"select">, "onChange"> & { value: string; choices: string[]; onChange: (value: string) => void }) {
  const options = choices.includes(value) ? choices : [...choices, value].sort();
  return (
    <NativeSelect {...props} value={value} onChange={(event) => onChange(event.target.value)} className="w-28">
      {options.map((time) => (
        <option key={time} value={time}>
          {time}
        </option>
      ))}
    </NativeSelect>
  );
}

function HoursForm({ initial, canEdit }: { initial: SupportCalendar; canEdit: boolean }) {
  const t = useTranslations("admin.support-settings.hours");
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const save = useSaveSupportCalendar();
  const [week, setWeek] = useState<(OpenHours | null)[]>(() => DAYS.map((_, i) => initial.week[i] ?? null));
  // Hours a day had before it was closed, given back when it opens again.
  const [remembered, setRemembered] = useState<(OpenHours | null)[]>(week);
  const known = TIME_ZONES.some(({ zone }) => zone === initial.time_zone);
  const [zoneChoice, setZoneChoice] = useState(known ? initial.time_zone : OTHER);
  const [zoneText, setZoneText] = useState(known ? "" : initial.time_zone);
  const [errors, setErrors] = useState<{ zone?: string; week?: string; form?: string }>({});
  const [saved, setSaved] = useState(false);
  const opens = timeChoices("open");
  const closes = timeChoices("close");

  const setDay = (index: number, hours: OpenHours | null) => {
    setSaved(false);
    setWeek((current) => current.map((day, i) => (i === index ? hours : day)));
    if (hours) setRemembered((current) => current.map((day, i) => (i === index ? hours : day)));
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const timeZone = zoneChoice === OTHER ? zoneText.trim() : zoneChoice;
    const invalid = firstInvalidDay(week);
    const next = {
      zone: timeZone ? undefined : t("errors.zone"),
      week: invalid >= 0 ? t("errors.closeBeforeOpen", { day: t(`days.${DAYS[invalid]}`) }) : undefined,
    };
    setErrors(next);
    if (next.zone || next.week) return;
    try {
      await save.mutateAsync({ time_zone: timeZone, week });
      setSaved(true);
      toast.show("success", t("saved"));
    } catch (error) {
      if (isApiError(error) && Object.keys(error.fieldErrors).length > 0) {
        const fields = error.fieldErrors;
        const weekErrors = Object.entries(fields).filter(([field]) => field.startsWith("week"));
        setErrors({
          zone: fields.time_zone?.join(" "),
          week: weekErrors.flatMap(([, messages]) => messages).join(" ") || undefined,
          form: error.generalErrors.join(" ") || undefined,
        });
      } else {
        setErrors({ form: errorMessage(error) });
      }
    }
  };

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4" data-testid="hours-form">
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField id="hours-zone" label={t("zone")} hint={t("zoneHint")} error={errors.zone && zoneChoice !== OTHER ? errors.zone : undefined}>
          <NativeSelect
            {...controlProps("hours-zone", errors.zone && zoneChoice !== OTHER ? errors.zone : undefined, t("zoneHint"))}
            value={zoneChoice}
            disabled={!canEdit}
            onChange={(event) => {
              setSaved(false);
              setZoneChoice(event.target.value);
            }}
          >
            {TIME_ZONES.map(({ zone, key }) => (
              <option key={zone} value={zone}>
                {t(`zones.${key}`)}
              </option>
            ))}
            <option value={OTHER}>{t("zoneOther")}</option>
          </NativeSelect>
        </FormField>
        {zoneChoice === OTHER ? (
          <FormField id="hours-zone-text" label={t("zoneName")} hint={t("zoneNameHint")} error={errors.zone}>
            <Input
              {...controlProps("hours-zone-text", errors.zone, t("zoneNameHint"))}
              value={zoneText}
              disabled={!canEdit}
              placeholder="Africa/Accra"
              autoComplete="off"
              spellCheck={false}
              onChange={(event) => {
                setSaved(false);
                setZoneText(event.target.value);
              }}
            />
          </FormField>
        ) : null}
      </div>
      <fieldset>
        <legend className="mb-2 text-sm font-medium">{t("week")}</legend>
        <ul className="flex flex-col divide-y rounded-md border" aria-describedby={errors.week ? "hours-week-error" : undefined}>
          {DAYS.map((day, index) => {
            const hours = week[index];
            const name = t(`days.${day}`);
            return (
              <li key={day} className="flex min-h-14 flex-wrap items-center gap-x-4 gap-y-2 px-3 py-2" data-testid={`hours-${day}`}>
                <span className="flex w-36 items-center gap-3">
                  <Switch
                    id={`hours-${day}-open`}
                    checked={hours !== null}
                    disabled={!canEdit}
                    onCheckedChange={(open) => setDay(index, open ? (remembered[index] ?? DEFAULT_HOURS) : null)}
                    aria-label={t("openOn", { day: name })}
                  />
                  <span className="text-sm font-medium" aria-hidden="true">
                    {name}
                  </span>
                </span>
                {hours ? (
                  <span className="flex items-center gap-2 text-sm">
                    <TimeSelect
                      aria-label={t("opensAt", { day: name })}
                      value={hours.open}
                      choices={opens}
                      disabled={!canEdit}
                      onChange={(open) => setDay(index, { ...hours, open })}
                    />
                    <span aria-hidden="true">–</span>
                    <TimeSelect
                      aria-label={t("closesAt", { day: name })}
                      value={hours.close}
                      choices={closes}
                      disabled={!canEdit}
                      onChange={(close) => setDay(index, { ...hours, close })}
                    />
                  </span>
                ) : (
                  <span className="text-sm text-muted-foreground">{t("closed")}</span>
                )}
              </li>
            );
          })}
        </ul>
        {errors.week ? (
          <p id="hours-week-error" className="mt-1 text-sm font-medium text-destructive">
            {errors.week}
          </p>
        ) : null}
        <p className="mt-1 text-sm text-muted-foreground">{t("midnightHint")}</p>
      </fieldset>
      {saved ? (
        <Alert tone="success" data-testid="hours-saved-notice">
          {t("appliesNext")}
        </Alert>
      ) : null}
      <FormError message={errors.form} />
      {canEdit ? (
        <Button type="submit" disabled={save.isPending} className="sm:self-end">
          {save.isPending ? t("saving") : t("save")}
        </Button>
      ) : null}
    </form>
  );
}

/** « Horaires »: when business hours run, in which time zone. */
export function Hours({ canEdit }: { canEdit: boolean }) {
  const t = useTranslations("admin.support-settings.hours");
  const calendar = useSupportCalendar();
  if (calendar.isPending) return <SkeletonRows count={7} row="h-12" />;
  if (calendar.isError) return <ErrorState error={calendar.error} onRetry={() => calendar.refetch()} />;
  return (
    <Card>
      <CardContent className="flex flex-col gap-3 pt-4">
        <p className="text-sm text-muted-foreground">{t("intro")}</p>
        <HoursForm initial={calendar.data} canEdit={canEdit} />
      </CardContent>
    </Card>
  );
}
