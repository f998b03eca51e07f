"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { CalendarPlus, Plus, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { FormError, FormField, applyApiErrors, controlProps } from "@/components/form";
import { SkeletonRows } from "@/components/list-shell";
import { ErrorState } from "@/components/states";
import { useToast } from "@/components/toaster";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input } from "@/components/ui/input";
import { formatDate } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { useErrorMessage } from "@/lib/use-error-message";
import { text, type Infer, z } from "@/lib/validation";
import { missingIvorianHolidays } from "./calendar";
import { useAddHolidays, useHolidays, useRemoveHoliday, type Holiday } from "./queries";

function AddHolidayForm() {
  const t = useTranslations("admin.support-settings.holidays");
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const add = useAddHolidays();
  const [formError, setFormError] = useState<string>();
  const schema = z.object({
    day: z.string().check(z.refine((value) => /^\d{4}-\d{2}-\d{2}$/.test(value), t("errors.day"))),
    name: text({ required: t("errors.name"), max: 120 }),
  });
  type Values = Infer<typeof schema>;
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { day: "", name: "" } });
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(undefined);
    try {
      await add.mutateAsync([values]);
      toast.show("success", t("added", { name: values.name }));
      form.reset();
    } catch (error) {
      setFormError(applyApiErrors(error, form.setError, ["day", "name"], errorMessage));
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-3 sm:grid-cols-[11rem_1fr_auto] sm:items-start">
      <FormField id="holiday-day" label={t("day")} error={errors.day?.message}>
        <Input {...controlProps("holiday-day", errors.day?.message)} {...form.register("day")} type="date" />
      </FormField>
      <FormField id="holiday-name" label={t("name")} error={errors.name?.message}>
        <Input {...controlProps("holiday-name", errors.name?.message)} {...form.register("name")} autoComplete="off" placeholder={t("namePlaceholder")} />
      </FormField>
      <Button type="submit" disabled={add.isPending} className="sm:mt-6">
        <Plus aria-hidden="true" />
        {t("add")}
      </Button>
      <FormError message={formError} />
    </form>
  );
}

/** « Jours fériés »: days business hours skip, in order; admins add and remove them. */
export function Holidays({ canEdit, now = new Date() }: { canEdit: boolean; now?: Date }) {
  const t = useTranslations("admin.support-settings.holidays");
  const tc = useTranslations("common");
  const locale = useAppLocale();
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const holidays = useHolidays();
  const add = useAddHolidays();
  const remove = useRemoveHoliday();
  const [removing, setRemoving] = useState<Holiday | null>(null);
  const year = now.getFullYear() + 1;

  if (holidays.isPending) return <SkeletonRows count={4} row="h-12" />;
  if (holidays.isError) return <ErrorState error={holidays.error} onRetry={() => holidays.refetch()} />;
  const list = [...holidays.data].sort((a, b) => a.day.localeCompare(b.day));
  const missing = missingIvorianHolidays(year, list, (key) => t(`ivorian.${key}`));

  const addIvorian = async () => {
    try {
      await add.mutateAsync(missing);
      toast.show("success", t("ivorianAdded", { count: missing.length, year }));
    } catch (error) {
      toast.show("error", errorMessage(error));
    }
  };

  return (
    <div className="flex flex-col gap-4">
      {canEdit ? (
        <Card aria-labelledby="holiday-add-title">
          <CardHeader className="flex-wrap items-center">
            <CardTitle id="holiday-add-title">{t("addTitle")}</CardTitle>
            <Button variant="outline" onClick={addIvorian} disabled={add.isPending || missing.length === 0} data-testid="add-ivorian-holidays">
              <CalendarPlus aria-hidden="true" />
              {missing.length === 0 ? t("ivorianDone", { year }) : t("ivorianAdd", { year })}
            </Button>
          </CardHeader>
          <CardContent className="flex flex-col gap-2">
            <p className="text-sm text-muted-foreground">{t("ivorianHint")}</p>
            <AddHolidayForm />
          </CardContent>
        </Card>
      ) : null}
      <Card aria-labelledby="holiday-list-title">
        <CardHeader>
          <CardTitle id="holiday-list-title">
            {t("listTitle")}
            <span className="ml-2 font-normal text-muted-foreground tabular-nums">{list.length}</span>
          </CardTitle>
        </CardHeader>
        <CardContent>
          {list.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("empty")}</p>
          ) : (
            <ul className="divide-y" data-testid="holiday-list">
              {list.map((holiday) => (
                <li key={holiday.day} className="flex min-h-12 items-center justify-between gap-3 py-1" data-testid="holiday">
                  <span className="flex min-w-0 flex-wrap items-baseline gap-x-3">
                    <time dateTime={holiday.day} className="font-medium tabular-nums">
                      {formatDate(holiday.day, locale)}
                    </time>
                    <span className="break-words">{holiday.name}</span>
                  </span>
                  {canEdit ? (
                    <Button
                      variant="ghost"
                      size="icon"
                      className="text-destructive"
                      aria-label={t("removeOf", { name: holiday.name, date: formatDate(holiday.day, locale) })}
                      onClick={() => setRemoving(holiday)}
                    >
                      <Trash2 aria-hidden="true" />
                    </Button>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(open) => (open ? undefined : setRemoving(null))}
        title={t("removeTitle", { name: removing?.name ?? "", date: removing ? formatDate(removing.day, locale) : "" })}
        description={t("removeText")}
        confirmLabel={t("removeConfirm")}
        cancelLabel={tc("cancel")}
        tone="destructive"
        pending={remove.isPending}
        onConfirm={async () => {
          if (!removing) return;
          try {
            await remove.mutateAsync(removing.day);
            toast.show("success", t("removed", { name: removing.name }));
            setRemoving(null);
          } catch (error) {
            toast.show("error", errorMessage(error));
          }
        }}
      />
    </div>
  );
}
