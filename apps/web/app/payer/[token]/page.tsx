import { CheckCircle2, Clock, Download, Info } from "lucide-react";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ItemsAndNotes } from "@/components/billing/line-items";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import type { InvoiceStatus } from "@/lib/api/types";
import { overdueDays } from "@/lib/billing";
import { formatDate, formatMoney, type AppLocale } from "@/lib/format";
import { payView, withLang } from "@/lib/pay-link";
import { cn } from "@/lib/utils";
import type { PublicInvoice } from "@/queries/pay-links";
import { loadInvoice } from "./load";
import { PayLinkForm, RefreshOnReturn, ResumePayment } from "./pay-form";
import { isDeadLink, ProblemView } from "./problem-view";

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex min-w-0 flex-col gap-0.5">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="font-medium tabular-nums">{children}</dd>
    </div>
  );
}

const STATUS_TONE: Record<InvoiceStatus, BadgeTone> = {
  draft: "neutral",
  sent: "info",
  partially_paid: "warning",
  paid: "success",
  cancelled: "neutral",
  credited: "neutral",
};

async function StatusBadge({ invoice, late }: { invoice: PublicInvoice; late: boolean }) {
  const t = await getTranslations("invoices");
  if (late) return <Badge tone="danger">{t("overdue")}</Badge>;
  return <Badge tone={STATUS_TONE[invoice.status]}>{t(`status.${invoice.status}`)}</Badge>;
}

/** A note under the balance when there is nothing to pay online, or a payment is already open. */
function Note({ tone = "info", icon, children }: { tone?: "info" | "success" | "warning"; icon: React.ReactNode; children: React.ReactNode }) {
  return (
    <div
      className={cn(
        "flex gap-3 rounded-lg border p-3 text-sm",
        tone === "success" && "border-green-200 bg-success-bg text-success",
        tone === "warning" && "border-amber-200 bg-warning-bg text-foreground",
        tone === "info" && "bg-muted/70 text-muted-foreground",
      )}
    >
      <span className="mt-0.5 shrink-0">{icon}</span>
      <div className="flex min-w-0 flex-col gap-2">{children}</div>
    </div>
  );
}

async function PaySection({ invoice, token }: { invoice: PublicInvoice; token: string }) {
  const t = await getTranslations("payLink");
  const view = payView(invoice);
  switch (view.kind) {
    case "pay":
      return (
        <PayLinkForm
          token={token}
          currency={invoice.currency}
          payment={{
            balance: invoice.payment.balance,
            min_amount: invoice.payment.min_amount,
            max_amount: invoice.payment.max_amount,
            step: invoice.payment.step,
            partial_allowed: invoice.payment.partial_allowed,
          }}
        />
      );
    case "paid":
      return (
        <Note tone="success" icon={<CheckCircle2 className="size-5" aria-hidden="true" />}>
          <p className="text-base font-semibold" data-testid="pay-link-paid">
            {t("paid")}
          </p>
          <p className="text-foreground">{t("paidHint")}</p>
        </Note>
      );
    case "inProgress":
      return (
        <Note tone="warning" icon={<Clock className="size-5 text-warning" aria-hidden="true" />}>
          <p className="font-semibold">{t("inProgress")}</p>
          <p className="text-muted-foreground">{t("inProgressHint")}</p>
          {view.paymentId ? <ResumePayment token={token} paymentId={view.paymentId} checkoutUrl={view.checkoutUrl} /> : null}
        </Note>
      );
    case "closed":
      return <Note icon={<Info className="size-5" aria-hidden="true" />}>{t("closed")}</Note>;
    case "belowMinimum":
      return <Note icon={<Info className="size-5" aria-hidden="true" />}>{t("belowMinimum")}</Note>;
    case "nothing":
      return <Note icon={<Info className="size-5" aria-hidden="true" />}>{t("nothing")}</Note>;
  }
}

async function InvoiceView({ invoice, token }: { invoice: PublicInvoice; token: string }) {
  const t = await getTranslations("payLink");
  const locale = ((await getLocale()) === "en" ? "en" : "fr") as AppLocale;
  const money = (amount: number) => formatMoney(amount, invoice.currency, locale);
  const unpaid = invoice.status === "sent" || invoice.status === "partially_paid";
  const late = unpaid && invoice.is_overdue;
  const number = invoice.number ?? "—";
  const ti = await getTranslations("invoices");

  return (
    <>
      <Card className={cn(late && "border-red-300")} aria-labelledby="invoice-heading">
        <CardContent className="flex flex-col gap-4 pt-4">
          <div className="flex flex-col gap-1.5">
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <h1 id="invoice-heading" className="text-2xl font-semibold tracking-tight">
                {t("heading", { number })}
              </h1>
              <StatusBadge invoice={invoice} late={late} />
            </div>
            {invoice.title ? <p className="break-words">{invoice.title}</p> : null}
            <p className="text-sm text-muted-foreground">{t("issuedBy", { client: invoice.client_name })}</p>
          </div>

          <dl className="grid grid-cols-2 gap-x-4 gap-y-3 sm:grid-cols-4">
            <Fact label={t("issueDate")}>{invoice.issue_date ? formatDate(invoice.issue_date, locale) : "—"}</Fact>
            <Fact label={t("dueDate")}>
              <span className={cn(late && "font-semibold text-destructive")}>{invoice.due_date ? formatDate(invoice.due_date, locale) : "—"}</span>
              {late && invoice.due_date ? (
                <span className="block text-xs font-semibold text-destructive">{ti("overdueDays", { days: overdueDays(invoice.due_date) })}</span>
              ) : null}
            </Fact>
            <Fact label={t("total")}>{money(invoice.total_ttc)}</Fact>
            {invoice.amount_paid > 0 ? <Fact label={t("alreadyPaid")}>{money(invoice.amount_paid)}</Fact> : null}
          </dl>

          {unpaid ? (
            <div className={cn("flex flex-col gap-0.5 rounded-lg border p-3", late ? "border-red-200 bg-red-50" : "bg-muted/50")} data-testid="pay-link-balance">
              <span className="text-sm font-medium text-muted-foreground">{t("balance")}</span>
              <span className={cn("text-3xl font-bold tracking-tight tabular-nums sm:text-4xl", late && "text-destructive")}>{money(invoice.balance_due)}</span>
            </div>
          ) : null}

          <a
            href={withLang(invoice.pdf_url, locale)}
            target="_blank"
            rel="noopener"
            className={cn(buttonVariants({ variant: "outline" }), "w-full sm:w-auto sm:self-start")}
            data-testid="pay-link-pdf"
          >
            <Download aria-hidden="true" />
            {t("pdf")}
          </a>
        </CardContent>
      </Card>

      <PaySection invoice={invoice} token={token} />

      <ItemsAndNotes document={invoice} amountPaid={invoice.amount_paid} balanceDue={invoice.balance_due} creditedAmount={invoice.credited_amount} />

      <p className="text-center text-xs text-muted-foreground">{t("validUntil", { date: formatDate(invoice.link_expires_at, locale) })}</p>
      <RefreshOnReturn />
    </>
  );
}

/**
 * `/payer/{token}`: the invoice of a pay link, for whoever holds it (no account): read-only, its
 * PDF, and a pay form (the only part that runs in the browser). Drawn on the server on every
 * request, so that a reload after paying shows the invoice as it now is. A link that is not one,
 * expired or disabled answers 404 with its explanation (not-found.tsx); too many requests or the
 * API out of reach keep the page's 200 and offer to try again.
 */
export default async function PayLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const loaded = await loadInvoice(token);
  if ("problem" in loaded) {
    // Before anything streams, so that the status is 404.
    if (isDeadLink(loaded.problem)) notFound();
    return <ProblemView problem={loaded.problem} token={token} />;
  }
  return <InvoiceView invoice={loaded.invoice} token={token} />;
}
