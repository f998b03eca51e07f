"use client";

import Link from "next/link";
import { Plus } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ListShell, SkeletonRows } from "@/components/list-shell";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { DataTable, type Column } from "@/components/admin/table/data-table";
import { ConsoleStatusBadge, useMethodLabel } from "@/components/admin/payments/labels";
import { canRecordPayment } from "@/components/admin/payments/offline";
import { OfflinePaymentDialog } from "@/components/admin/payments/offline-dialog";
import type { Invoice, PaymentDto } from "@/lib/api/types";
import { formatDateTime, formatMoney } from "@/lib/format";
import { receiptUrl } from "@/lib/payments";
import { useAppLocale } from "@/lib/use-app-locale";
import { cn } from "@/lib/utils";
import { useInvoice } from "@/queries/invoices";
import { useInvoicePayments } from "@/queries/payments";

const PAYMENTS_PATH = "/admin/paiements";

function When({ payment }: { payment: PaymentDto }) {
  const locale = useAppLocale();
  return <span className="whitespace-nowrap tabular-nums">{formatDateTime(payment.settled_at ?? payment.created_at, locale)}</span>;
}

/** Why staff must look at a flagged payment, or why a recorded one was cancelled. */
function FlagReason({ payment }: { payment: PaymentDto }) {
  const t = useTranslations("admin.billing.payments");
  const tp = useTranslations("admin.payments.section");
  if (payment.status === "voided") {
    return payment.void_reason ? <span className="block text-xs break-words text-muted-foreground">{tp("voidReason", { reason: payment.void_reason })}</span> : null;
  }
  if (!payment.flag_reason) return null;
  return <span className="block text-xs break-words text-destructive">{t("flagReason", { reason: payment.flag_reason })}</span>;
}

/** The status, and for a flagged payment why. */
function Status({ payment }: { payment: PaymentDto }) {
  return (
    <span className="flex flex-col items-start gap-1">
      <ConsoleStatusBadge status={payment.status} />
      <FlagReason payment={payment} />
    </span>
  );
}

/** The operator ("MTN MoMo") over the channel chosen ("Mobile Money"); an offline method over "Hors ligne". */
function Means({ payment }: { payment: PaymentDto }) {
  const methodLabel = useMethodLabel();
  const tp = useTranslations("payments");
  const ts = useTranslations("admin.payments.source");
  return (
    <span className="flex flex-col">
      <span>{methodLabel(payment) ?? "—"}</span>
      <span className="text-xs whitespace-nowrap text-muted-foreground">{payment.source === "offline" ? ts("offline") : tp(`channel.${payment.channel}`)}</span>
    </span>
  );
}

function Amount({ payment }: { payment: PaymentDto }) {
  const locale = useAppLocale();
  return (
    <span className={cn("tabular-nums", payment.status === "voided" && "text-muted-foreground line-through")}>{formatMoney(payment.amount, payment.currency, locale)}</span>
  );
}

function Transaction({ payment }: { payment: PaymentDto }) {
  const t = useTranslations("admin.billing.payments");
  const tp = useTranslations("admin.payments.section");
  const locale = useAppLocale();
  return (
    <span className="flex flex-col items-start gap-0.5">
      <Link
        href={`${PAYMENTS_PATH}/${payment.id}`}
        className="font-mono text-xs break-all text-primary hover:underline md:break-normal md:whitespace-nowrap"
        aria-label={tp("open", { transaction: payment.transaction_id })}
        data-testid="transaction-id"
      >
        {payment.transaction_id}
      </Link>
      {payment.offline?.reference ? <span className="text-xs break-all text-muted-foreground">{tp("reference", { reference: payment.offline.reference })}</span> : null}
      {payment.operator_id && payment.source !== "offline" ? <span className="text-xs break-all text-muted-foreground">{t("operatorRef", { reference: payment.operator_id })}</span> : null}
      {payment.initiated_by_name ? <span className="text-xs text-muted-foreground">{t("by", { name: payment.initiated_by_name })}</span> : null}
      {(payment.status === "accepted" || payment.status === "voided") && payment.receipt_number ? (
        <a
          href={receiptUrl(payment.id, locale)}
          target="_blank"
          rel="noopener"
          className={cn("inline-flex min-h-8 items-center text-xs font-medium text-primary hover:underline", payment.status === "voided" && "line-through")}
          aria-label={t("receiptLabel", { number: payment.receipt_number })}
        >
          {t("receipt", { number: payment.receipt_number })}
        </a>
      ) : null}
    </span>
  );
}

function PaymentCard({ payment }: { payment: PaymentDto }) {
  const t = useTranslations("admin.billing.payments");
  return (
    <div className={cn("flex flex-col gap-2 rounded-lg border bg-card p-3 text-sm", payment.status === "voided" && "bg-muted/40")} data-testid="staff-payment">
      <span className="flex flex-wrap items-start justify-between gap-2">
        <span className="font-semibold">
          <Amount payment={payment} />
        </span>
        <ConsoleStatusBadge status={payment.status} />
      </span>
      <FlagReason payment={payment} />
      <span className="text-muted-foreground">
        <When payment={payment} />
      </span>
      <dl className="grid grid-cols-1 gap-2">
        <div className="flex flex-col">
          <dt className="text-xs text-muted-foreground">{t("means")}</dt>
          <dd>
            <Means payment={payment} />
          </dd>
        </div>
        <div className="flex flex-col">
          <dt className="text-xs text-muted-foreground">{t("transaction")}</dt>
          <dd>
            <Transaction payment={payment} />
          </dd>
        </div>
      </dl>
    </div>
  );
}

/**
 * "Enregistrer un paiement": money received outside CinetPay for this invoice. The button goes
 * once the invoice cannot take a payment any more; the dialog stays while it is open, so that a
 * payment settling the invoice still shows its receipt number and sends its proof.
 */
function RecordPayment({ invoice }: { invoice: Invoice }) {
  const t = useTranslations("admin.payments.section");
  const [open, setOpen] = useState(false);
  return (
    <>
      {canRecordPayment(invoice) ? (
        <Button variant="outline" size="sm" onClick={() => setOpen(true)}>
          <Plus aria-hidden="true" />
          {t("record")}
        </Button>
      ) : null}
      <OfflinePaymentDialog open={open} onOpenChange={setOpen} invoice={invoice} />
    </>
  );
}

/** The invoice's payments for staff, newest first: every status (pending and flagged too), with the references to check them. */
export function PaymentsSection({ invoiceId }: { invoiceId: string }) {
  const t = useTranslations("admin.billing.payments");
  const payments = useInvoicePayments(invoiceId);
  const rows = payments.data?.results ?? [];
  // The page above has loaded it already: this reads the cache.
  const invoice = useInvoice(invoiceId).data;

  const columns: Column<PaymentDto>[] = [
    { key: "date", header: t("date"), cell: (payment) => <When payment={payment} /> },
    { key: "amount", header: t("amount"), numeric: true, cell: (payment) => <Amount payment={payment} /> },
    { key: "status", header: t("status"), cell: (payment) => <Status payment={payment} />, className: "min-w-40 max-w-64" },
    { key: "means", header: t("means"), cell: (payment) => <Means payment={payment} /> },
    { key: "transaction", header: t("transaction"), cell: (payment) => <Transaction payment={payment} /> },
  ];

  return (
    <Card id="paiements" aria-labelledby="paiements-title" className="scroll-mt-20" data-testid="staff-payments">
      <CardHeader className="flex-wrap items-center">
        <CardTitle id="paiements-title">
          {t("title")}
          {payments.data ? <span className="ml-2 font-normal text-muted-foreground tabular-nums">{payments.data.count}</span> : null}
        </CardTitle>
        {invoice ? <RecordPayment invoice={invoice} /> : null}
      </CardHeader>
      <CardContent>
        <ListShell query={payments} items={rows} skeleton={<SkeletonRows count={2} row="h-12" />} empty={{ text: t("empty") }}>
          {(list) => (
            <DataTable
              label={t("title")}
              rows={list}
              rowKey={(payment) => payment.id}
              columns={columns}
              card={(payment) => <PaymentCard payment={payment} />}
            />
          )}
        </ListShell>
      </CardContent>
    </Card>
  );
}
