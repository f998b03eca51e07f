"use client";

import { BellRing } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ListShell, SkeletonRows } from "@/components/list-shell";
import { TitledCard } from "@/components/titled-card";
import { useToast } from "@/components/toaster";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { formatDateTime } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { useErrorMessage } from "@/lib/use-error-message";
import type { Invoice, Reminder } from "@/lib/api/types";
import { useInvoiceReminders, useRemindInvoice } from "./desk-queries";
import { useConflictMessage } from "./use-conflict-message";

/** "Relancer le client": asks first, then says how many contacts got the email, or why not. */
export function RemindButton({ invoice }: { invoice: Invoice }) {
  const t = useTranslations("admin.billing.reminders");
  const tc = useTranslations("common");
  const toast = useToast();
  const conflict = useConflictMessage();
  const errorMessage = useErrorMessage();
  const remind = useRemindInvoice(invoice.id);
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="outline" onClick={() => setOpen(true)}>
        <BellRing aria-hidden="true" />
        {t("remind")}
      </Button>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={t("confirmTitle", { client: invoice.client_name })}
        description={t("confirmText", { number: invoice.number ?? "" })}
        confirmLabel={remind.isPending ? t("pending") : t("confirm")}
        cancelLabel={tc("cancel")}
        pending={remind.isPending}
        onConfirm={() =>
          remind.mutate(undefined, {
            onSuccess: (reminder) => {
              setOpen(false);
              toast.show("success", t("sent", { count: reminder.recipients }));
            },
            onError: (error) => {
              setOpen(false);
              toast.show("error", conflict(error) ?? errorMessage(error));
            },
          })
        }
      />
    </>
  );
}

function ReminderRow({ reminder }: { reminder: Reminder }) {
  const t = useTranslations("admin.billing.reminders");
  const locale = useAppLocale();
  const step = reminder.step;
  const how =
    step === null || step === undefined
      ? reminder.sent_by_name
        ? t("manual", { name: reminder.sent_by_name })
        : t("manualUnknown")
      : t("automatic", {
          step: step === 0 ? t("stepDue") : step < 0 ? t("stepBefore", { days: -step }) : t("stepAfter", { days: step }),
        });
  return (
    <li className="flex flex-col gap-0.5 py-2.5 first:pt-0 last:pb-0 sm:flex-row sm:items-baseline sm:justify-between sm:gap-4" data-testid="reminder">
      <span className="font-medium">{how}</span>
      <span className="flex flex-wrap gap-x-3 text-sm text-muted-foreground">
        <span className="tabular-nums">{formatDateTime(reminder.created_at, locale)}</span>
        <span>{t("recipients", { count: reminder.recipients })}</span>
      </span>
    </li>
  );
}

/** "Relances": every reminder about the invoice, automatic (« J-3 », « J+7 ») or by hand, newest first. */
export function RemindersSection({ invoice }: { invoice: Invoice }) {
  const t = useTranslations("admin.billing.reminders");
  const reminders = useInvoiceReminders(invoice.id);
  // The API lists them oldest first; the latest matters most.
  const rows = [...(reminders.data ?? [])].reverse();
  return (
    <TitledCard
      titleId="relances-title"
      title={t("title")}
      data-testid="reminders"
      aside={reminders.data ? <span className="text-sm text-muted-foreground tabular-nums">{rows.length}</span> : null}
    >
      <ListShell query={reminders} items={rows} skeleton={<SkeletonRows count={1} row="h-10" />} empty={{ text: t("empty") }}>
        {(list) => (
          <ul className="flex flex-col divide-y">
            {list.map((reminder) => (
              <ReminderRow key={reminder.id} reminder={reminder} />
            ))}
          </ul>
        )}
      </ListShell>
    </TitledCard>
  );
}
