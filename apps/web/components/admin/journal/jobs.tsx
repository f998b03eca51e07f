"use client";

import { ChevronDown, RotateCw } from "lucide-react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { ListShell, SkeletonRows } from "@/components/list-shell";
import { PageHeader } from "@/components/states";
import { useToast } from "@/components/toaster";
import { Pagination } from "@/components/admin/table/data-table";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { formatDateTime } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { useErrorMessage } from "@/lib/use-error-message";
import { cn } from "@/lib/utils";
import { JOURNAL_PAGE_SIZE, useJobs, useRetryJob, type Job } from "@/queries/admin-journal";
import { JournalTabs } from "./journal-tabs";
import { JOB_STATUSES, jobsSearch, readJobsState, type JobsState } from "./journal-state";

const STATUS_TONE = { queued: "info", running: "progress", done: "success", dead: "danger" } as const;
/** Job kinds with a name in the messages (`jobs.kinds.*`); another one shows as its key only. */
const KIND_NAMES = { "payment.recheck": "paymentRecheck" } as const;

function kindName(kind: string): (typeof KIND_NAMES)[keyof typeof KIND_NAMES] | undefined {
  return Object.hasOwn(KIND_NAMES, kind) ? KIND_NAMES[kind as keyof typeof KIND_NAMES] : undefined;
}
/** Past this many characters the last error folds, "Voir tout" unfolds it. */
const SHORT_ERROR = 120;

function JobRow({ job }: { job: Job }) {
  const t = useTranslations("admin.journal.jobs");
  const locale = useAppLocale();
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const retry = useRetryJob();
  const [open, setOpen] = useState(false);
  const known = kindName(job.kind);
  const name = known ? t(`kinds.${known}`) : job.kind;
  const error = job.last_error ?? "";
  const long = error.length > SHORT_ERROR;
  const errorId = `job-${job.id}-error`;
  return (
    <li className="flex flex-col gap-2 py-3" data-testid="job-row" data-status={job.status}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="flex min-w-0 flex-col gap-0.5">
          <span className="font-medium break-words">{name}</span>
          <code className="text-xs break-all text-muted-foreground">{job.kind}</code>
        </div>
        <Badge tone={STATUS_TONE[job.status]}>{t(`status.${job.status}`)}</Badge>
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs sm:text-sm">
        <dt className="text-muted-foreground">{t("attempts")}</dt>
        <dd className="tabular-nums">{t("attemptsValue", { attempts: job.attempts, max: job.max_attempts })}</dd>
        <dt className="text-muted-foreground">{t("createdAt")}</dt>
        <dd>{formatDateTime(job.created_at, locale)}</dd>
        {job.status === "queued" || job.status === "running" ? (
          <>
            <dt className="text-muted-foreground">{t("runAt")}</dt>
            <dd>{formatDateTime(job.run_at, locale)}</dd>
          </>
        ) : null}
        {job.finished_at ? (
          <>
            <dt className="text-muted-foreground">{t("finishedAt")}</dt>
            <dd>{formatDateTime(job.finished_at, locale)}</dd>
          </>
        ) : null}
      </dl>
      {error ? (
        <div className="min-w-0 rounded-md border border-red-200 bg-red-50/60 p-2 text-sm">
          <p className="text-xs font-medium text-muted-foreground">{t("lastError")}</p>
          <p id={errorId} className={cn("font-mono text-xs break-words whitespace-pre-wrap text-red-800", long && !open && "line-clamp-2")}>
            {error}
          </p>
          {long ? (
            <button
              type="button"
              aria-expanded={open}
              aria-controls={errorId}
              onClick={() => setOpen((v) => !v)}
              className="-mb-2 inline-flex min-h-11 items-center gap-1 text-xs font-medium text-primary md:min-h-8"
            >
              {open ? t("showLess") : t("showAll")}
              <ChevronDown className={cn("size-4 transition-transform", open && "rotate-180")} aria-hidden="true" />
            </button>
          ) : null}
        </div>
      ) : null}
      {job.status === "dead" ? (
        <div>
          <Button
            variant="outline"
            size="sm"
            disabled={retry.isPending}
            aria-label={t("retryLabel", { kind: name })}
            onClick={() =>
              retry.mutate(job.id, {
                onSuccess: () => toast.show("success", t("retried")),
                onError: (failure) => toast.show("error", errorMessage(failure)),
              })
            }
          >
            <RotateCw aria-hidden="true" className={cn(retry.isPending && "animate-spin")} />
            {t("retry")}
          </Button>
        </div>
      ) : null}
    </li>
  );
}

/** The background jobs (payment re-checks…) with their state; the ones that gave up can be run again. */
export function JobList() {
  const t = useTranslations("admin.journal");
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const state = useMemo(() => readJobsState(params), [params]);
  const go = (next: Partial<JobsState>) => {
    const search = jobsSearch({ ...state, ...next });
    router.push(search ? `${pathname}?${search}` : pathname, { scroll: false });
  };
  const query = useJobs(state);
  const rows = query.data?.results ?? [];
  const pages = Math.max(1, Math.ceil((query.data?.count ?? 0) / JOURNAL_PAGE_SIZE));
  return (
    <div>
      <PageHeader title={t("title")} description={t("jobs.intro")} />
      <JournalTabs />
      <div className="mb-4 grid gap-3 sm:grid-cols-3">
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="job-status">{t("jobs.statusLabel")}</Label>
          <NativeSelect id="job-status" value={state.status ?? ""} onChange={(event) => go({ status: JOB_STATUSES.find((status) => status === event.target.value), page: 1 })}>
            <option value="">{t("jobs.anyStatus")}</option>
            {JOB_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`jobs.status.${status}`)}
              </option>
            ))}
          </NativeSelect>
        </div>
      </div>
      <Card>
        <CardContent className="pt-2">
          <ListShell
            query={query}
            items={rows}
            empty={{ text: state.status === "dead" ? t("jobs.noneDead") : state.status ? t("jobs.empty") : t("jobs.none") }}
            skeleton={<SkeletonRows count={6} row="h-16" />}
          >
            {(jobs) => (
              <div className={cn(query.isPlaceholderData && "opacity-60")}>
                <ul className="divide-y" data-testid="job-list">
                  {jobs.map((job) => (
                    <JobRow key={job.id} job={job} />
                  ))}
                </ul>
                <Pagination
                  page={state.page}
                  pages={pages}
                  onPage={(page) => go({ page })}
                  labels={{ previous: t("previous"), next: t("next"), nav: t("jobs.pagination"), position: t("pageOf", { page: state.page, pages }) }}
                />
              </div>
            )}
          </ListShell>
        </CardContent>
      </Card>
    </div>
  );
}
