"use client";

import { Ban, Flag } from "lucide-react";
import { useTranslations } from "next-intl";
import { Fact } from "@/components/billing/header";
import { FactLink, NotFoundState, StaffRecord } from "@/components/admin/billing/record";
import { BackLink } from "@/components/states";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { isAdmin } from "@/lib/api/admin";
import { formatDate, formatDateTime, formatMoney } from "@/lib/format";
import { receiptUrl } from "@/lib/payments";
import { useAppLocale } from "@/lib/use-app-locale";
import { cn } from "@/lib/utils";
import { useMe } from "@/queries/me";
import type { PaymentDto } from "@/lib/api/types";
import { JournalTimeline } from "./journal-timeline";
import { ConsoleStatusBadge, useMethodLabel } from "./labels";
import { RecheckButton, VoidButton, canRecheck, canVoid } from "./payment-actions";
import { usePayment } from "./queries";
import { ResolvePanel } from "./resolve-panel";

const PAYMENTS_PATH = "/admin/paiements";

function PaymentFacts({ payment }: { payment: PaymentDto }) {
  const t = useTranslations("admin.payments.detail");
  const methodLabel = useMethodLabel();
  const ts = useTranslations("admin.payments.source");
  const tp = useTranslations("payments");
  const locale = useAppLocale();
  const offline = payment.offline;
  const voided = payment.status === "voided";
  return (
    <Card>
      <CardContent className="pt-4">
        <dl className="grid grid-cols-2 gap-x-4 gap-y-3 sm:grid-cols-3 lg:grid-cols-4">
          <Fact label={t("amount")}>
            <span className={cn("text-lg font-semibold", voided && "text-muted-foreground line-through")}>{formatMoney(payment.amount, payment.currency, locale)}</span>
          </Fact>
          <FactLink label={t("invoice")} href={`/admin/facturation/factures/${payment.invoice_id}`}>
            {payment.invoice_number ?? "—"}
          </FactLink>
          <FactLink label={t("client")} href={`/admin/clients/${payment.client_id}`}>
            {payment.client_name}
          </FactLink>
          <Fact label={t("source")}>{ts(payment.source === "offline" ? "offline" : "cinetpay")}</Fact>
          <Fact label={t("method")}>{methodLabel(payment) ?? "—"}</Fact>
          {payment.source !== "offline" ? <Fact label={t("channel")}>{tp(`channel.${payment.channel}`)}</Fact> : null}
          {payment.source !== "offline" ? (
            <Fact label={t("operatorRef")}>
              <span className="break-all">{payment.operator_id ?? "—"}</span>
            </Fact>
          ) : null}
          {offline ? (
            <Fact label={t("reference")} className="col-span-2 sm:col-span-1">
              <span className="break-all">{offline.reference || "—"}</span>
            </Fact>
          ) : null}
          <Fact label={t("receipt")}>
            {payment.receipt_number ? (
              <a
                href={receiptUrl(payment.id, locale)}
                target="_blank"
                rel="noopener"
                className={cn("text-primary hover:underline", voided && "line-through")}
                aria-label={t("receiptLabel", { number: payment.receipt_number })}
              >
                {payment.receipt_number}
              </a>
            ) : (
              "—"
            )}
          </Fact>
          {offline ? (
            <Fact label={t("proof")}>
              {offline.proof_url ? (
                <a href={offline.proof_url} target="_blank" rel="noopener" className="break-all text-primary hover:underline">
                  {offline.proof_filename ?? t("proofFile")}
                </a>
              ) : (
                t("noProof")
              )}
            </Fact>
          ) : null}
          {offline ? <Fact label={t("receivedOn")}>{formatDate(offline.received_on, locale)}</Fact> : null}
          <Fact label={t(payment.source === "offline" ? "recordedAt" : "createdAt")}>{formatDateTime(payment.created_at, locale)}</Fact>
          {payment.settled_at && payment.source !== "offline" ? <Fact label={t("settledAt")}>{formatDateTime(payment.settled_at, locale)}</Fact> : null}
          {payment.status === "initiating" || payment.status === "pending" || payment.status === "expired" ? (
            <Fact label={t(payment.status === "expired" ? "expiredAt" : "expiresAt")}>{formatDateTime(payment.expires_at, locale)}</Fact>
          ) : null}
          {payment.initiated_by_name ? <Fact label={t(payment.source === "offline" ? "recordedBy" : "initiatedBy")}>{payment.initiated_by_name}</Fact> : null}
          <Fact label={t("transaction")} className="col-span-2">
            <code className="font-mono text-xs break-all">{payment.transaction_id}</code>
          </Fact>
        </dl>
        {offline?.note ? (
          <div className="mt-4 border-t pt-3">
            <p className="text-xs text-muted-foreground">{t("note")}</p>
            <p className="text-sm break-words whitespace-pre-line">{offline.note}</p>
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}

/** A flagged payment: why, and the admin's ways out (staff read that an admin decides). */
function FlaggedCard({ payment, admin }: { payment: PaymentDto; admin: boolean }) {
  const t = useTranslations("admin.payments.flagged");
  return (
    <Card className="border-sky-300" aria-labelledby="flagged-title" data-testid="flagged-card">
      <CardHeader className="flex-col gap-1">
        <CardTitle id="flagged-title" className="flex items-center gap-2">
          <Flag className="size-4 text-sky-800" aria-hidden="true" />
          {t("title")}
        </CardTitle>
        <p className="text-sm break-words">{payment.flag_reason ? t("reason", { reason: payment.flag_reason }) : t("noReason")}</p>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {admin ? <ResolvePanel payment={payment} /> : <p className="text-sm text-muted-foreground">{t("staffHint")}</p>}
      </CardContent>
    </Card>
  );
}

function VoidedNotice({ payment }: { payment: PaymentDto }) {
  const t = useTranslations("admin.payments.detail");
  const locale = useAppLocale();
  return (
    <div className="flex items-start gap-3 rounded-lg border bg-muted/50 p-3 text-sm" role="note" data-testid="voided-notice">
      <Ban className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
      <div className="flex min-w-0 flex-col gap-0.5">
        <p className="font-medium">{payment.voided_at ? t("voidedOn", { date: formatDate(payment.voided_at, locale) }) : t("voided")}</p>
        {payment.void_reason ? <p className="break-words">{t("voidReason", { reason: payment.void_reason })}</p> : null}
      </div>
    </div>
  );
}

function PaymentPage({ payment }: { payment: PaymentDto }) {
  const t = useTranslations("admin.payments.detail");
  const locale = useAppLocale();
  const me = useMe();
  const admin = isAdmin(me.data);
  const recheck = canRecheck(payment);
  const voidable = admin && canVoid(payment);
  return (
    <>
      <div className="flex flex-col gap-1">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <h1 className="text-2xl font-semibold tracking-tight">
            {t("title", { amount: formatMoney(payment.amount, payment.currency, locale) })}
          </h1>
          <ConsoleStatusBadge status={payment.status} />
        </div>
        <p className="text-sm text-muted-foreground">
          {t("subtitle", { client: payment.client_name, invoice: payment.invoice_number ?? "—" })}
        </p>
      </div>
      {payment.status === "voided" ? <VoidedNotice payment={payment} /> : null}
      {payment.status === "flagged" ? <FlaggedCard payment={payment} admin={admin} /> : null}
      {recheck || voidable ? (
        <div className="flex flex-col gap-3">
          {recheck ? <RecheckButton payment={payment} /> : null}
          {voidable ? (
            <div>
              <VoidButton payment={payment} />
            </div>
          ) : null}
        </div>
      ) : null}
      <PaymentFacts payment={payment} />
      <JournalTimeline payment={payment} />
    </>
  );
}

/** One payment for staff: its facts, what can be done with it, and its whole journal. */
export function PaymentDetail({ id }: { id: string }) {
  const t = useTranslations("admin.payments.detail");
  const payment = usePayment(id);
  return (
    <div className="flex flex-col gap-4">
      <BackLink href={PAYMENTS_PATH} label={t("backToList")} />
      <StaffRecord
        query={payment}
        notFound={<NotFoundState title={t("notFoundTitle")} text={t("notFoundText")} action={{ href: PAYMENTS_PATH, label: t("backToList") }} />}
      >
        {(data) => <PaymentPage payment={data} />}
      </StaffRecord>
    </div>
  );
}
