"use client";

import { useTranslations } from "next-intl";
import { PaymentStatusBadge } from "@/components/badges";
import { ListShell, SkeletonRows } from "@/components/list-shell";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { DataTable, type Column } from "@/components/admin/table/data-table";
import type { PaymentDto } from "@/lib/api/types";
import { formatDateTime, formatMoney } from "@/lib/format";
import { receiptUrl } from "@/lib/payments";
import { useAppLocale } from "@/lib/use-app-locale";
import { useInvoicePayments } from "@/queries/payments";

/** The operator as people know it ("Orange Money"), else CinetPay's code of the means, else nothing yet. */
function operatorOf(payment: PaymentDto): string | null {
  return payment.method_label || payment.payment_method || null;
}

function When({ payment }: { payment: PaymentDto }) {
  const locale = useAppLocale();
  return <span className="whitespace-nowrap tabular-nums">{formatDateTime(payment.settled_at ?? payment.created_at, locale)}</span>;
}

/** Why staff must look at a flagged payment. */
function FlagReason({ payment }: { payment: PaymentDto }) {
  const t = useTranslations("admin.billing.payments");
  if (!payment.flag_reason) return null;
  return <span className="block text-xs break-words text-destructive">{t("flagReason", { reason: payment.flag_reason })}</span>;
}

/** The status, and for a flagged payment why. */
function Status({ payment }: { payment: PaymentDto }) {
  return (
    <span className="flex flex-col items-start gap-1">
      <PaymentStatusBadge status={payment.status} />
      <FlagReason payment={payment} />
    </span>
  );
}

/** The operator ("MTN MoMo") over the channel chosen ("Mobile Money"). */
function Means({ payment }: { payment: PaymentDto }) {
  const tp = useTranslations("payments");
  return (
    <span className="flex flex-col">
      <span>{operatorOf(payment) ?? "—"}</span>
      <span className="text-xs whitespace-nowrap text-muted-foreground">{tp(`channel.${payment.channel}`)}</span>
    </span>
  );
}

function Transaction({ payment }: { payment: PaymentDto }) {
  const t = useTranslations("admin.billing.payments");
  const locale = useAppLocale();
  return (
    <span className="flex flex-col items-start gap-0.5">
      <code className="font-mono text-xs break-all md:break-normal md:whitespace-nowrap" data-testid="transaction-id">
        {payment.transaction_id}
      </code>
      {payment.operator_id ? <span className="text-xs break-all text-muted-foreground">{t("operatorRef", { reference: payment.operator_id })}</span> : null}
      {payment.initiated_by_name ? <span className="text-xs text-muted-foreground">{t("by", { name: payment.initiated_by_name })}</span> : null}
      {payment.status === "accepted" && payment.receipt_number ? (
        <a
          href={receiptUrl(payment.id, locale)}
          target="_blank"
          rel="noopener"
          className="inline-flex min-h-8 items-center text-xs font-medium text-primary hover:underline"
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
  const locale = useAppLocale();
  return (
    <div className="flex flex-col gap-2 rounded-lg border bg-card p-3 text-sm" data-testid="staff-payment">
      <span className="flex flex-wrap items-start justify-between gap-2">
        <span className="font-semibold tabular-nums">{formatMoney(payment.amount, payment.currency, locale)}</span>
        <PaymentStatusBadge status={payment.status} />
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

/** The invoice's payments for staff, newest first: every status (pending and flagged too), with the references to check them. */
export function PaymentsSection({ invoiceId }: { invoiceId: string }) {
  const t = useTranslations("admin.billing.payments");
  const locale = useAppLocale();
  const payments = useInvoicePayments(invoiceId);
  const rows = payments.data?.results ?? [];

  const columns: Column<PaymentDto>[] = [
    { key: "date", header: t("date"), cell: (payment) => <When payment={payment} /> },
    { key: "amount", header: t("amount"), numeric: true, cell: (payment) => formatMoney(payment.amount, payment.currency, locale) },
    { key: "status", header: t("status"), cell: (payment) => <Status payment={payment} />, className: "min-w-40 max-w-64" },
    { key: "means", header: t("means"), cell: (payment) => <Means payment={payment} /> },
    { key: "transaction", header: t("transaction"), cell: (payment) => <Transaction payment={payment} /> },
  ];

  return (
    <Card id="paiements" aria-labelledby="paiements-title" className="scroll-mt-20" data-testid="staff-payments">
      <CardHeader>
        <CardTitle id="paiements-title">
          {t("title")}
          {payments.data ? <span className="ml-2 font-normal text-muted-foreground tabular-nums">{payments.data.count}</span> : null}
        </CardTitle>
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
