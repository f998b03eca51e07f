"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { Archive, ArchiveRestore, Pencil, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import {
  InvoiceStatusBadge,
  PaymentStatusBadge,
  ProjectStatusBadge,
  QuoteStatusBadge,
  TicketStatusBadge,
} from "@/components/badges";
import { ListShell, SkeletonRows } from "@/components/list-shell";
import { DetailSkeleton, RecordShell } from "@/components/record-shell";
import { BackLink } from "@/components/states";
import { useToast } from "@/components/toaster";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Switch } from "@/components/admin/forms/switch";
import { ActivityList } from "@/components/admin/journal/activity-list";
import type { AdminClient } from "@/lib/api/admin";
import { isApiError } from "@/lib/api/errors";
import { formatDate, formatFileSize, formatMoney } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { useErrorMessage } from "@/lib/use-error-message";
import { cn } from "@/lib/utils";
import { useInvoiceSummary } from "@/queries/invoices";
import { useAdminClient, useClientRecords, useClientStatus, useDeleteClient, useSaveClient } from "@/queries/admin-clients";
import { ClientStatusBadge } from "./badges";
import { ClientStatementSection } from "./client-statement";
import { ContactsSection, InvitationsSection } from "./people";
import { SECTIONS, SectionCard } from "./section-card";


/** The sections as anchors: a row that scrolls sideways on a phone. */
function SectionNav() {
  const t = useTranslations("admin.clients");
  return (
    <nav aria-label={t("detail.sections")} className="-mx-4 mb-4 overflow-x-auto px-4 pb-1 lg:mx-0 lg:px-0">
      <ul className="flex gap-2 lg:flex-wrap">
        {SECTIONS.map((section) => (
          <li key={section}>
            <a href={`#${section}`} className="inline-flex min-h-11 items-center rounded-full border bg-card px-4 text-sm font-medium whitespace-nowrap hover:bg-accent">
              {t(`detail.section.${section}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Detail({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="break-words">{value || <span className="text-muted-foreground">—</span>}</dd>
    </div>
  );
}

function IdentitySection({ client }: { client: AdminClient }) {
  const t = useTranslations("admin.clients");
  const tc = useTranslations("common");
  return (
    <SectionCard id="identity" title={t("detail.section.identity")}>
      <dl className="grid gap-4 text-sm sm:grid-cols-2">
        <Detail label={t("fields.legal_name")} value={client.legal_name} />
        <Detail label={t("fields.tax_id")} value={client.tax_id} />
        <Detail label={t("fields.address")} value={[client.address, client.city, client.country].filter(Boolean).join(", ")} />
        <Detail label={t("fields.billing_email")} value={client.billing_email} />
        <Detail label={t("fields.phone")} value={client.phone} />
        <Detail label={t("fields.currency")} value={client.currency} />
        <Detail label={t("fields.language")} value={tc(`languages.${client.language}`)} />
        <Detail label={t("fields.sector")} value={client.sector} />
        <Detail label={t("fields.tags")} value={(client.tags ?? []).join(", ")} />
        <Detail label={t("fields.size")} value={client.size ? t(`sizes.${client.size}`) : null} />
      </dl>
    </SectionCard>
  );
}

/** What the client owes (open invoices) and how much of it is late, per currency. */
function Balance({ clientId }: { clientId: string }) {
  const t = useTranslations("admin.clients");
  const locale = useAppLocale();
  const summary = useInvoiceSummary(clientId);
  const amounts = (list: { currency: string; amount: number }[] | undefined) =>
    list && list.length ? list.map((a) => formatMoney(a.amount, a.currency, locale)).join(" · ") : formatMoney(0, "XOF", locale);
  return (
    <Card aria-labelledby="balance-title">
      <CardHeader>
        <CardTitle id="balance-title">{t("detail.balance")}</CardTitle>
      </CardHeader>
      <CardContent>
        <dl className="grid grid-cols-2 gap-4">
          <div>
            <dt className="text-xs text-muted-foreground">{t("columns.outstanding")}</dt>
            <dd className="text-xl font-semibold tabular-nums">{summary.data ? amounts(summary.data.outstanding) : "…"}</dd>
          </div>
          <div>
            <dt className="text-xs text-muted-foreground">{t("columns.overdue")}</dt>
            <dd className={cn("text-xl font-semibold tabular-nums", summary.data?.overdue.some((a) => a.amount > 0) && "text-destructive")}>
              {summary.data ? amounts(summary.data.overdue) : "…"}
            </dd>
          </div>
        </dl>
      </CardContent>
    </Card>
  );
}

/** The partial-payment switch: applies at once. */
function PartialPayments({ client }: { client: AdminClient }) {
  const t = useTranslations("admin.clients");
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const save = useSaveClient(client.id);
  const checked = client.partial_payments_allowed ?? false;
  return (
    <Card>
      <CardContent className="flex items-start justify-between gap-4 pt-4">
        <div className="flex flex-col gap-1">
          <span id="partial-label" className="text-sm font-medium">
            {t("fields.partial_payments_allowed")}
          </span>
          <span id="partial-hint" className="text-sm text-muted-foreground">
            {t("fields.partialHint")}
          </span>
        </div>
        <Switch
          aria-labelledby="partial-label"
          aria-describedby="partial-hint"
          checked={checked}
          disabled={save.isPending}
          onCheckedChange={async (value) => {
            try {
              await save.mutateAsync({ partial_payments_allowed: value });
              toast.show("success", value ? t("detail.partialOn") : t("detail.partialOff"));
            } catch (error) {
              toast.show("error", errorMessage(error));
            }
          }}
        />
      </CardContent>
    </Card>
  );
}

/** Archive or restore, and delete (refused with a reason when the client has records: then archive). */
function ClientActions({ client }: { client: AdminClient }) {
  const t = useTranslations("admin.clients");
  const tc = useTranslations("common");
  const router = useRouter();
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const status = useClientStatus(client.id);
  const remove = useDeleteClient(client.id);
  const [dialog, setDialog] = useState<"archive" | "restore" | "delete" | null>(null);
  const [refusal, setRefusal] = useState<string>();
  const archived = client.status === "archived";

  const changeStatus = async (action: "archive" | "restore") => {
    try {
      await status.mutateAsync(action);
      toast.show("success", action === "archive" ? t("detail.archived") : t("detail.restored"));
      setDialog(null);
      setRefusal(undefined);
    } catch (error) {
      toast.show("error", errorMessage(error));
    }
  };
  const destroy = async () => {
    try {
      await remove.mutateAsync();
      toast.show("success", t("detail.deleted", { name: client.name }));
      router.push("/admin/clients");
    } catch (error) {
      if (isApiError(error) && error.code === "client_has_records") setRefusal(error.generalErrors[0] ?? t("detail.hasRecords"));
      else toast.show("error", errorMessage(error));
    }
  };

  return (
    <>
      <Button asChild variant="outline">
        <Link href={`/admin/clients/${client.id}/modifier`}>
          <Pencil aria-hidden="true" />
          {t("detail.edit")}
        </Link>
      </Button>
      <Button variant="outline" onClick={() => setDialog(archived ? "restore" : "archive")}>
        {archived ? <ArchiveRestore aria-hidden="true" /> : <Archive aria-hidden="true" />}
        {archived ? t("detail.restore") : t("detail.archive")}
      </Button>
      <Button variant="ghost" className="text-destructive" onClick={() => {
          setRefusal(undefined);
          setDialog("delete");
        }}>
        <Trash2 aria-hidden="true" />
        {t("detail.delete")}
      </Button>
      <ConfirmDialog
        open={dialog === "archive" || dialog === "restore"}
        onOpenChange={(open) => setDialog(open ? dialog : null)}
        title={archived ? t("detail.restoreTitle", { name: client.name }) : t("detail.archiveTitle", { name: client.name })}
        description={archived ? t("detail.restoreText") : t("detail.archiveText")}
        confirmLabel={archived ? t("detail.restore") : t("detail.archive")}
        cancelLabel={tc("cancel")}
        pending={status.isPending}
        onConfirm={() => changeStatus(archived ? "restore" : "archive")}
      />
      <ConfirmDialog
        open={dialog === "delete"}
        onOpenChange={(open) => setDialog(open ? "delete" : null)}
        title={t("detail.deleteTitle", { name: client.name })}
        description={t("detail.deleteText")}
        confirmLabel={refusal && !archived ? t("detail.archiveInstead") : t("detail.deleteConfirm")}
        cancelLabel={tc("cancel")}
        tone={refusal ? "default" : "destructive"}
        pending={remove.isPending || status.isPending}
        onConfirm={() => (refusal ? (archived ? setDialog(null) : changeStatus("archive")) : destroy())}
      >
        {refusal ? <Alert tone="error">{refusal}</Alert> : null}
      </ConfirmDialog>
    </>
  );
}

function RecordRow({ href, title, meta, badge, amount }: { href?: string; title: string; meta?: string; badge?: React.ReactNode; amount?: string }) {
  const content = (
    <>
      <span className="flex min-w-0 flex-col">
        <span className="truncate font-medium">{title}</span>
        {meta ? <span className="text-xs text-muted-foreground">{meta}</span> : null}
      </span>
      <span className="flex shrink-0 flex-col items-end gap-1">
        {badge}
        {amount ? <span className="text-sm tabular-nums">{amount}</span> : null}
      </span>
    </>
  );
  return (
    <li>
      {href ? (
        <Link href={href} className="-mx-2 flex min-h-11 items-center justify-between gap-3 rounded-md px-2 py-2 hover:bg-accent/60">
          {content}
        </Link>
      ) : (
        <div className="flex min-h-11 items-center justify-between gap-3 py-2">{content}</div>
      )}
    </li>
  );
}

function Records({ client }: { client: AdminClient }) {
  const t = useTranslations("admin.clients");
  const tb = useTranslations("billing");
  const locale = useAppLocale();
  const records = useClientRecords(client.id);
  const money = (amount: number, currency: string) => formatMoney(amount, currency, locale);
  const list = <T,>(query: (typeof records)[keyof typeof records], empty: string, row: (item: T) => React.ReactNode) => (
    <ListShell query={query} items={(query.data?.results ?? []) as T[]} empty={{ text: empty }} skeleton={<SkeletonRows count={2} row="h-10" />}>
      {(items) => <ul className="divide-y">{items.map(row)}</ul>}
    </ListShell>
  );
  return (
    <>
      <SectionCard
        id="projects"
        title={t("detail.section.projects")}
        count={records.projects.data?.count}
        action={
          <span className="flex flex-wrap gap-x-3">
            {records.projects.data?.count ? (
              <Link href={`/admin/projets?client=${client.id}`} className="inline-flex min-h-11 items-center text-sm font-medium text-primary hover:underline">
                {t("detail.allProjects")}
              </Link>
            ) : null}
            <Link href={`/admin/projets/nouveau?client=${client.id}`} className="inline-flex min-h-11 items-center text-sm font-medium text-primary hover:underline">
              {t("detail.newProject")}
            </Link>
          </span>
        }
      >
        {list<NonNullable<typeof records.projects.data>["results"][number]>(records.projects, t("detail.empty.projects"), (project) => (
          <RecordRow
            key={project.id}
            href={`/admin/projets/${project.id}`}
            title={project.name}
            meta={project.due_date ? t("detail.dueOn", { date: formatDate(project.due_date, locale) }) : undefined}
            badge={<ProjectStatusBadge status={project.status} />}
          />
        ))}
      </SectionCard>
      <SectionCard id="quotes" title={t("detail.section.quotes")} count={records.quotes.data?.count}>
        {list<NonNullable<typeof records.quotes.data>["results"][number]>(records.quotes, t("detail.empty.quotes"), (quote) => (
          <RecordRow
            key={quote.id}
            href={`/devis/${quote.id}`}
            title={`${quote.number ?? tb("draft")} · ${quote.title}`}
            meta={quote.issue_date ? formatDate(quote.issue_date, locale) : undefined}
            badge={<QuoteStatusBadge status={quote.status} />}
            amount={money(quote.total_ttc, quote.currency)}
          />
        ))}
      </SectionCard>
      <SectionCard id="invoices" title={t("detail.section.invoices")} count={records.invoices.data?.count}>
        {list<NonNullable<typeof records.invoices.data>["results"][number]>(records.invoices, t("detail.empty.invoices"), (invoice) => (
          <RecordRow
            key={invoice.id}
            href={`/factures/${invoice.id}`}
            title={`${invoice.number ?? tb("draft")} · ${invoice.title}`}
            meta={
              invoice.balance_due > 0
                ? t("detail.balanceDue", { amount: money(invoice.balance_due, invoice.currency) })
                : invoice.issue_date
                  ? formatDate(invoice.issue_date, locale)
                  : undefined
            }
            badge={<InvoiceStatusBadge status={invoice.status} overdue={invoice.is_overdue} />}
            amount={money(invoice.total_ttc, invoice.currency)}
          />
        ))}
      </SectionCard>
      <SectionCard id="payments" title={t("detail.section.payments")} count={records.payments.data?.count}>
        {list<NonNullable<typeof records.payments.data>["results"][number]>(records.payments, t("detail.empty.payments"), (payment) => (
          <RecordRow
            key={payment.id}
            href={`/paiements/${payment.id}`}
            title={[payment.invoice_number, payment.method_label].filter(Boolean).join(" · ") || payment.transaction_id}
            meta={formatDate(payment.created_at, locale)}
            badge={<PaymentStatusBadge status={payment.status} />}
            amount={money(payment.amount, payment.currency)}
          />
        ))}
      </SectionCard>
      <SectionCard id="tickets" title={t("detail.section.tickets")} count={records.tickets.data?.count}>
        {list<NonNullable<typeof records.tickets.data>["results"][number]>(records.tickets, t("detail.empty.tickets"), (ticket) => (
          <RecordRow
            key={ticket.id}
            href={`/support/${ticket.id}`}
            title={`${ticket.number} · ${ticket.subject}`}
            meta={formatDate(ticket.created_at, locale)}
            badge={<TicketStatusBadge status={ticket.status} />}
          />
        ))}
      </SectionCard>
      <SectionCard id="documents" title={t("detail.section.documents")} count={records.documents.data?.count}>
        {list<NonNullable<typeof records.documents.data>["results"][number]>(records.documents, t("detail.empty.documents"), (document) => (
          <RecordRow key={document.id} title={document.filename} meta={`${formatDate(document.created_at, locale)} · ${formatFileSize(document.size, locale)}`} />
        ))}
      </SectionCard>
    </>
  );
}

export function ClientDetail({ id }: { id: string }) {
  const t = useTranslations("admin.clients");
  const locale = useAppLocale();
  const client = useAdminClient(id);
  return (
    <div className="flex flex-col">
      <BackLink href="/admin/clients" label={t("backToList")} />
      <RecordShell query={client} skeleton={<DetailSkeleton blocks={["h-40", "h-40", "h-40"]} />}>
        {(data) => (
          <>
            <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
              <div className="min-w-0">
                <h1 className="flex flex-wrap items-center gap-2 text-2xl font-semibold tracking-tight">
                  <span className="break-words">{data.name}</span>
                  <ClientStatusBadge status={data.status} />
                </h1>
                <p className="mt-1 text-sm text-muted-foreground">
                  {t("detail.since", { date: formatDate(data.created_at, locale) })}
                </p>
              </div>
              <div className="flex flex-wrap gap-2">
                <ClientActions client={data} />
              </div>
            </div>
            {data.status === "archived" ? <Alert tone="info" className="mb-4">{t("detail.archivedNotice")}</Alert> : null}
            <SectionNav />
            <div className="grid grid-cols-1 items-start gap-4 lg:grid-cols-2">
              <div className="flex min-w-0 flex-col gap-4">
                <Balance clientId={data.id} />
                <IdentitySection client={data} />
                <PartialPayments client={data} />
                <ContactsSection clientId={data.id} />
                <InvitationsSection clientId={data.id} />
              </div>
              <div className="flex min-w-0 flex-col gap-4">
                <Records client={data} />
              </div>
            </div>
            <div className="mt-4">
              <ClientStatementSection clientId={data.id} />
            </div>
            <div className="mt-4">
              <SectionCard id="activity" title={t("detail.section.activity")}>
                <ActivityList params={{ client: data.id }} compact />
              </SectionCard>
            </div>
          </>
        )}
      </RecordShell>
    </div>
  );
}
