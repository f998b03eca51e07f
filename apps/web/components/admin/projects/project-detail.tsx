"use client";

import Link from "next/link";
import { KanbanSquare, Pencil } from "lucide-react";
import { useTranslations } from "next-intl";
import { InvoiceStatusBadge, ProjectStatusBadge, QuoteStatusBadge } from "@/components/badges";
import { Fact } from "@/components/billing/header";
import { DocumentsSection } from "@/components/documents/documents-section";
import { ListShell, SkeletonRows } from "@/components/list-shell";
import { BackLink } from "@/components/states";
import { TaskSection } from "@/components/tasks/task-section";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { NewDocumentButton } from "@/components/admin/billing/billing-tabs";
import { INVOICES_PATH } from "@/components/admin/billing/paths";
import { FactLink, NotFoundState, StaffRecord } from "@/components/admin/billing/record";
import { ActivityList } from "@/components/admin/journal/activity-list";
import type { Project } from "@/lib/api/types";
import { formatDate, formatMoney } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { useInvoices } from "@/queries/invoices";
import { useProject } from "@/queries/projects";
import { useQuotes } from "@/queries/quotes";
import { useTasks } from "@/queries/tasks";
import { MilestonesEditor } from "./milestones-editor";
import { BudgetUsed, LateBadge, ManagerName, ProjectProgress, isProjectLate } from "./project-facts";
import { PROJECTS_PATH } from "./projects-list";

const QUOTES_PATH = "/admin/facturation/devis";

/** The page's sections, in order: the anchors' targets. */
const SECTIONS = ["milestones", "tasks", "documents", "billing", "activity"] as const;
type Section = (typeof SECTIONS)[number];

function SectionNav() {
  const t = useTranslations("admin.projects.detail");
  return (
    <nav aria-label={t("sections")} className="-mx-4 overflow-x-auto px-4 pb-1 lg:mx-0 lg:px-0">
      <ul className="flex gap-2 lg:flex-wrap">
        {SECTIONS.map((section) => (
          <li key={section}>
            <a href={`#${section}`} className="inline-flex min-h-11 items-center rounded-full border bg-card px-4 text-sm font-medium whitespace-nowrap hover:bg-accent">
              {t(`section.${section}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Section({ id, title, action, children }: { id: Section; title: string; action?: React.ReactNode; children: React.ReactNode }) {
  return (
    <Card id={id} aria-labelledby={`${id}-title`} className="scroll-mt-20">
      <CardHeader className="items-center">
        <CardTitle id={`${id}-title`}>{title}</CardTitle>
        {action}
      </CardHeader>
      <CardContent>{children}</CardContent>
    </Card>
  );
}

function Header({ project }: { project: Project }) {
  const t = useTranslations("admin.projects");
  const locale = useAppLocale();
  const late = isProjectLate(project);
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="flex min-w-0 flex-col gap-1">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <h1 className="text-2xl font-semibold tracking-tight break-words">{project.name}</h1>
            <ProjectStatusBadge status={project.status} />
            {late ? <LateBadge /> : null}
          </div>
          <Link href={`/admin/clients/${project.client_id}`} className="self-start text-sm font-medium text-primary hover:underline">
            {project.client_name}
          </Link>
        </div>
        <Button asChild variant="outline">
          <Link href={`${PROJECTS_PATH}/${project.id}/modifier`}>
            <Pencil aria-hidden="true" />
            {t("detail.edit")}
          </Link>
        </Button>
      </div>
      {project.description ? <p className="max-w-prose text-sm whitespace-pre-wrap break-words text-muted-foreground">{project.description}</p> : null}
      <Card>
        <CardContent className="flex flex-col gap-4 pt-4">
          <ProjectProgress project={project} />
          <dl className="grid grid-cols-2 gap-x-4 gap-y-3 sm:grid-cols-3 lg:grid-cols-5">
            <FactLink label={t("columns.client")} href={`/admin/clients/${project.client_id}`}>
              {project.client_name}
            </FactLink>
            <Fact label={t("columns.manager")}>
              <ManagerName project={project} />
            </Fact>
            <Fact label={t("fields.start_date")}>{project.start_date ? formatDate(project.start_date, locale) : "—"}</Fact>
            <Fact label={t("fields.due_date")}>{project.due_date ? formatDate(project.due_date, locale) : "—"}</Fact>
            <Fact label={t("columns.budget")} className="col-span-2 sm:col-span-1">
              <BudgetUsed project={project} align="start" />
            </Fact>
          </dl>
        </CardContent>
      </Card>
    </div>
  );
}

function RecordRow({ href, title, meta, badge, amount }: { href: string; title: string; meta?: string; badge: React.ReactNode; amount: string }) {
  return (
    <li>
      <Link href={href} className="-mx-2 flex min-h-11 items-center justify-between gap-3 rounded-md px-2 py-2 hover:bg-accent/60">
        <span className="flex min-w-0 flex-col">
          <span className="truncate font-medium">{title}</span>
          {meta ? <span className="text-xs text-muted-foreground">{meta}</span> : null}
        </span>
        <span className="flex shrink-0 flex-col items-end gap-1">
          {badge}
          <span className="text-sm tabular-nums">{amount}</span>
        </span>
      </Link>
    </li>
  );
}

/** The project's quotes and invoices, each opening the billing desk. */
function BillingRecords({ project }: { project: Project }) {
  const t = useTranslations("admin.projects.detail");
  const tb = useTranslations("billing");
  const locale = useAppLocale();
  const quotes = useQuotes({ project: project.id });
  const invoices = useInvoices({ project: project.id });
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <section aria-labelledby="project-quotes" className="flex flex-col gap-2">
        <h3 id="project-quotes" className="font-semibold">
          {t("quotes")}
        </h3>
        <ListShell query={quotes} items={quotes.data?.results ?? []} empty={{ text: t("quotesEmpty") }} skeleton={<SkeletonRows count={2} row="h-10" />}>
          {(rows) => (
            <ul className="divide-y">
              {rows.map((quote) => (
                <RecordRow
                  key={quote.id}
                  href={`${QUOTES_PATH}/${quote.id}`}
                  title={`${quote.number ?? tb("draft")} · ${quote.title}`}
                  meta={quote.issue_date ? formatDate(quote.issue_date, locale) : undefined}
                  badge={<QuoteStatusBadge status={quote.status} />}
                  amount={formatMoney(quote.total_ttc, quote.currency, locale)}
                />
              ))}
            </ul>
          )}
        </ListShell>
        <div>
          <NewDocumentButton kind="quote" client={project.client_id} project={project.id} variant="outline" />
        </div>
      </section>
      <section aria-labelledby="project-invoices" className="flex flex-col gap-2">
        <h3 id="project-invoices" className="font-semibold">
          {t("invoices")}
        </h3>
        <ListShell query={invoices} items={invoices.data?.results ?? []} empty={{ text: t("invoicesEmpty") }} skeleton={<SkeletonRows count={2} row="h-10" />}>
          {(rows) => (
            <ul className="divide-y">
              {rows.map((invoice) => (
                <RecordRow
                  key={invoice.id}
                  href={`${INVOICES_PATH}/${invoice.id}`}
                  title={`${invoice.number ?? tb("draft")} · ${invoice.title}`}
                  meta={
                    invoice.balance_due > 0
                      ? t("balanceDue", { amount: formatMoney(invoice.balance_due, invoice.currency, locale) })
                      : invoice.issue_date
                        ? formatDate(invoice.issue_date, locale)
                        : undefined
                  }
                  badge={<InvoiceStatusBadge status={invoice.status} overdue={invoice.is_overdue} />}
                  amount={formatMoney(invoice.total_ttc, invoice.currency, locale)}
                />
              ))}
            </ul>
          )}
        </ListShell>
        <div>
          <NewDocumentButton kind="invoice" client={project.client_id} project={project.id} variant="outline" />
        </div>
      </section>
    </div>
  );
}

function ProjectBoard({ project }: { project: Project }) {
  const t = useTranslations("admin.projects.detail");
  const tasks = useTasks({ project: project.id });
  return (
    <TaskSection
      query={tasks}
      showProject={false}
      emptyAll={{ text: t("tasksEmpty") }}
      toolbar={
        <Link href={`/admin/taches?project=${project.id}`} className="inline-flex min-h-11 items-center gap-1.5 self-start text-sm font-medium text-primary hover:underline">
          <KanbanSquare className="size-4" aria-hidden="true" />
          {t("openBoard")}
        </Link>
      }
    />
  );
}

function ProjectPage({ project }: { project: Project }) {
  const t = useTranslations("admin.projects.detail");
  return (
    <>
      <Header project={project} />
      <SectionNav />
      <Section id="milestones" title={t("section.milestones")}>
        <MilestonesEditor project={project} />
      </Section>
      <Section id="tasks" title={t("section.tasks")}>
        <ProjectBoard project={project} />
      </Section>
      <div id="documents" className="scroll-mt-20">
        <DocumentsSection projectId={project.id} clientId={project.client_id} />
      </div>
      <Section
        id="billing"
        title={t("section.billing")}
        action={
          <Link href={`/admin/facturation/factures?client=${project.client_id}`} className="inline-flex min-h-11 items-center text-sm font-medium text-primary hover:underline">
            {t("clientInvoices")}
          </Link>
        }
      >
        <BillingRecords project={project} />
      </Section>
      <Section
        id="activity"
        title={t("section.activity")}
        action={
          <Link href={`/admin/journal?client=${project.client_id}&kind=projects`} className="inline-flex min-h-11 items-center text-sm font-medium text-primary hover:underline">
            {t("fullJournal")}
          </Link>
        }
      >
        <p className="mb-2 text-sm text-muted-foreground">{t("activityIntro", { client: project.client_name })}</p>
        <ActivityList params={{ client: project.client_id, kind: "projects" }} compact />
      </Section>
    </>
  );
}

/** One project for staff: its facts, milestones (editable), board, documents, quotes and invoices, activity. */
export function ProjectDetail({ id }: { id: string }) {
  const t = useTranslations("admin.projects");
  const project = useProject(id);
  return (
    <div className="flex flex-col gap-4">
      <BackLink href={PROJECTS_PATH} label={t("backToList")} />
      <StaffRecord
        query={project}
        notFound={<NotFoundState title={t("detail.notFoundTitle")} text={t("detail.notFoundText")} action={{ href: PROJECTS_PATH, label: t("backToList") }} />}
      >
        {(data) => <ProjectPage project={data} />}
      </StaffRecord>
    </div>
  );
}
