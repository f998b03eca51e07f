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

/** The status, and for a flagged payment why staff must look at it. */
function Status({ payment }: { payment: PaymentDto }) {
  const t = useTranslations("admin.billing.payments");
  return (
    <span className="flex flex-col items-start gap-1">
      <PaymentStatusBadge status={payment.status} />
      {payment.flag_reason ? <span className="text-xs text-destructive">{t("flagReason", { reason: payment.flag_reason })}</span> : null}
    </span>
  );
}

function Operator({ payment }: { payment: PaymentDto }) {
  const t = useTranslations("admin.billing.payments");
  const operator = operatorOf(payment);
  return (
    <span className="flex flex-col">
      <span>{operator ?? "—"}</span>
      {payment.operator_id ? <span className="text-xs break-all text-muted-foreground">{t("operatorRef", { reference: payment.operator_id })}</span> : null}
    </span>
  );
}

function Transaction({ payment }: { payment: PaymentDto }) {
  const t = useTranslations("admin.billing.payments");
  const locale = useAppLocale();
  return (
    <span className="flex flex-col items-start gap-0.5">
      <code className="font-mono text-xs break-all" data-testid="transaction-id">
        {payment.transaction_id}
      </code>
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
  const tp = useTranslations("payments");
  const locale = useAppLocale();
  return (
    <div className="flex flex-col gap-2 rounded-lg border bg-card p-3 text-sm" data-testid="staff-payment">
      <span className="flex items-start justify-between gap-2">
        <span className="font-semibold tabular-nums">{formatMoney(payment.amount, payment.currency, locale)}</span>
        <Status payment={payment} />
      </span>
      <span className="text-muted-foreground">
        <When payment={payment} /> · {tp(`channel.${payment.channel}`)}
      </span>
      <dl className="grid grid-cols-1 gap-2">
        <div className="flex flex-col">
          <dt className="text-xs text-muted-foreground">{t("operator")}</dt>
          <dd>
            <Operator payment={payment} />
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
  const tp = useTranslations("payments");
  const locale = useAppLocale();
  const payments = useInvoicePayments(invoiceId);
  const rows = payments.data?.results ?? [];

  const columns: Column<PaymentDto>[] = [
    { key: "date", header: t("date"), cell: (payment) => <When payment={payment} /> },
    { key: "amount", header: t("amount"), numeric: true, cell: (payment) => formatMoney(payment.amount, payment.currency, locale) },
    { key: "status", header: t("status"), cell: (payment) => <Status payment={payment} /> },
    { key: "channel", header: t("channel"), cell: (payment) => tp(`channel.${payment.channel}`) },
    { key: "operator", header: t("operator"), cell: (payment) => <Operator payment={payment} /> },
    { key: "transaction", header: t("transaction"), cell: (payment) => <Transaction payment={payment} />, className: "max-w-56" },
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
