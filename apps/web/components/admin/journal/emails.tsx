"use client";

import { ChevronDown } from "lucide-react";
import { useTranslations } from "next-intl";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { ListShell, SkeletonRows } from "@/components/list-shell";
import { PageHeader } from "@/components/states";
import { Pagination } from "@/components/admin/table/data-table";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent } from "@/components/ui/card";
import { Input, NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { components } from "@/lib/api/schema";
import { formatDateTime } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { cn } from "@/lib/utils";
import { JOURNAL_PAGE_SIZE, useEmails } from "@/queries/admin-journal";
import { JournalTabs } from "./journal-tabs";
import { EMAIL_STATUSES as STATUSES, EMAIL_TEMPLATES as TEMPLATES, emailsSearch, readEmailsState, type EmailsState } from "./journal-state";

type OutboxEmail = components["schemas"]["OutboxEmailDto"];
const STATUS_TONE = { pending: "info", sent: "success", failed: "danger", kept: "neutral" } as const;

function EmailRow({ email }: { email: OutboxEmail }) {
  const t = useTranslations("admin.journal");
  const locale = useAppLocale();
  const [open, setOpen] = useState(false);
  const status = (STATUSES as readonly string[]).includes(email.status) ? (email.status as (typeof STATUSES)[number]) : null;
  const panelId = `email-${email.id}`;
  return (
    <li className="py-2">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((v) => !v)}
        className="flex min-h-11 w-full items-start justify-between gap-3 rounded-md px-1 text-left hover:bg-accent/60"
      >
        <span className="flex min-w-0 flex-col gap-0.5">
          <span className="font-medium break-words">{email.subject}</span>
          <span className="text-xs break-all text-muted-foreground">
            {email.to} · {formatDateTime(email.created_at, locale)} · {email.template}
          </span>
        </span>
        <span className="flex shrink-0 items-center gap-2">
          <Badge tone={status ? STATUS_TONE[status] : "neutral"}>{status ? t(`emails.status.${status}`) : email.status}</Badge>
          <ChevronDown className={cn("size-4 transition-transform", open && "rotate-180")} aria-hidden="true" />
        </span>
      </button>
      {open ? (
        <div id={panelId} className="mt-2 flex flex-col gap-2 rounded-md border bg-muted/30 p-3 text-sm">
          <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
            <dt className="text-muted-foreground">{t("emails.attempts")}</dt>
            <dd>{email.attempts}</dd>
            {email.sent_at ? (
              <>
                <dt className="text-muted-foreground">{t("emails.sentAt")}</dt>
                <dd>{formatDateTime(email.sent_at, locale)}</dd>
              </>
            ) : null}
            {email.last_error ? (
              <>
                <dt className="text-muted-foreground">{t("emails.lastError")}</dt>
                <dd className="break-words text-destructive">{email.last_error}</dd>
              </>
            ) : null}
          </dl>
          {/* The text part only: the HTML part is never rendered in the back-office. */}
          <pre className="max-h-96 overflow-auto rounded border bg-card p-3 font-sans text-sm break-words whitespace-pre-wrap">{email.text_body}</pre>
        </div>
      ) : null}
    </li>
  );
}

/**
 * The outgoing mail (tokens masked by the API): who was written to, what, and whether it left.
 * The filters live in the address (`/admin/journal/emails?status=failed`), the dashboard's alerts link there.
 */
export function EmailViewer() {
  const t = useTranslations("admin.journal");
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filters = useMemo(() => readEmailsState(params), [params]);
  const go = (next: Partial<EmailsState>) => {
    const search = emailsSearch({ ...filters, ...next });
    router.replace(search ? `${pathname}?${search}` : pathname, { scroll: false });
  };
  const [to, setTo] = useState(filters.to ?? "");
  useEffect(() => {
    const timer = setTimeout(() => {
      if ((filters.to ?? "") !== to.trim()) go({ to: to.trim() || undefined, page: 1 });
    }, 350);
    return () => clearTimeout(timer);
    // Only typing starts the wait; the address catching up must not start another.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [to]);
  const query = useEmails(filters);
  const rows = query.data?.results ?? [];
  const page = filters.page;
  const pages = Math.max(1, Math.ceil((query.data?.count ?? 0) / JOURNAL_PAGE_SIZE));
  return (
    <div>
      <PageHeader title={t("title")} description={t("emails.intro")} />
      <JournalTabs />
      <div className="mb-4 grid gap-3 sm:grid-cols-3">
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="email-to">{t("emails.to")}</Label>
          <Input id="email-to" type="search" inputMode="email" value={to} onChange={(event) => setTo(event.target.value)} />
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="email-status">{t("emails.statusLabel")}</Label>
          <NativeSelect id="email-status" value={filters.status ?? ""} onChange={(event) => go({ status: STATUSES.find((status) => status === event.target.value), page: 1 })}>
            <option value="">{t("emails.anyStatus")}</option>
            {STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`emails.status.${status}`)}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="email-template">{t("emails.template")}</Label>
          <NativeSelect id="email-template" value={filters.template ?? ""} onChange={(event) => go({ template: TEMPLATES.find((template) => template === event.target.value), page: 1 })}>
            <option value="">{t("emails.anyTemplate")}</option>
            {TEMPLATES.map((template) => (
              <option key={template} value={template}>
                {t(`emails.templates.${template}`)}
              </option>
            ))}
          </NativeSelect>
        </div>
      </div>
      <Card>
        <CardContent className="pt-2">
          <ListShell query={query} items={rows} empty={{ text: filters.to || filters.status || filters.template ? t("emails.empty") : t("emails.none") }} skeleton={<SkeletonRows count={8} row="h-12" />}>
            {(emails) => (
              <div className={cn(query.isPlaceholderData && "opacity-60")}>
                <ul className="divide-y" data-testid="email-list">
                  {emails.map((email) => (
                    <EmailRow key={email.id} email={email} />
                  ))}
                </ul>
                <Pagination
                  page={page}
                  pages={pages}
                  onPage={(next) => go({ page: next })}
                  labels={{ previous: t("previous"), next: t("next"), nav: t("pagination"), position: t("pageOf", { page, pages }) }}
                />
              </div>
            )}
          </ListShell>
        </CardContent>
      </Card>
    </div>
  );
}
