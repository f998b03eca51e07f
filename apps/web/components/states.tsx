"use client";

import Link from "next/link";
import { ArrowLeft, CircleAlert, Inbox } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { useErrorMessage } from "@/lib/use-error-message";
import { cn } from "@/lib/utils";

export function PageHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description?: string;
  actions?: React.ReactNode;
}) {
  return (
    <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
      <div className="min-w-0">
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        {description ? <p className="mt-1 text-sm text-muted-foreground">{description}</p> : null}
      </div>
      {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
    </div>
  );
}

/** The way back from a detail page to its list. */
export function BackLink({ href, label }: { href: string; label: string }) {
  return (
    <Link href={href} className="inline-flex min-h-11 items-center gap-1 self-start text-sm font-medium text-primary">
      <ArrowLeft className="size-4" aria-hidden="true" />
      {label}
    </Link>
  );
}

/** What stands in for content while it loads: the skeleton for the eyes, "Chargement…" for screen readers. */
export function LoadingState({ skeleton, label }: { skeleton: React.ReactNode; label?: string }) {
  const t = useTranslations("common");
  return (
    <div aria-busy="true">
      <span className="sr-only">{label ?? t("loading")}</span>
      {skeleton}
    </div>
  );
}

/** What to show when a list is empty: says what happens next or what to do. */
export function EmptyState({
  text,
  action,
  className,
}: {
  text: string;
  action?: React.ReactNode;
  className?: string;
}) {
  return (
    <div
      className={cn(
        "flex flex-col items-center gap-3 rounded-lg border border-dashed bg-card px-4 py-6 text-center text-sm text-muted-foreground",
        className,
      )}
    >
      <Inbox className="size-6" aria-hidden="true" />
      <p className="max-w-prose">{text}</p>
      {action}
    </div>
  );
}

export function ErrorState({
  error,
  onRetry,
  className,
}: {
  error: unknown;
  onRetry?: () => void;
  className?: string;
}) {
  const t = useTranslations("common");
  const message = useErrorMessage();
  return (
    <div
      role="alert"
      className={cn(
        "flex flex-col items-center gap-3 rounded-lg border border-red-200 bg-red-50 px-4 py-6 text-center text-sm text-red-900",
        className,
      )}
    >
      <CircleAlert className="size-6" aria-hidden="true" />
      <p className="max-w-prose">{message(error)}</p>
      {onRetry ? (
        <Button variant="outline" onClick={onRetry}>
          {t("retry")}
        </Button>
      ) : null}
    </div>
  );
}
