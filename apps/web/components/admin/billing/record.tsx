"use client";

import Link from "next/link";
import { FileQuestion } from "lucide-react";
import { DetailSkeleton, RecordShell } from "@/components/record-shell";
import { Fact } from "@/components/billing/header";
import { Button } from "@/components/ui/button";
import { isApiError } from "@/lib/api/errors";
import type { ShellQuery } from "@/lib/list-state";

/** Whether a record's query failed because there is no such record (or the id is not one). */
export function isMissing(error: unknown): boolean {
  return isApiError(error) && (error.status === 404 || error.status === 400);
}

/** The page of an unknown invoice or quote: says so as the page's heading, and where to look instead. */
export function NotFoundState({ title, text, action }: { title: string; text: string; action: { href: string; label: string } }) {
  return (
    <div className="flex flex-col items-start gap-3 rounded-lg border border-dashed bg-card px-4 py-6" data-testid="not-found">
      <FileQuestion className="size-6 text-muted-foreground" aria-hidden="true" />
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      <p className="max-w-prose text-sm text-muted-foreground">{text}</p>
      <Button asChild variant="outline">
        <Link href={action.href}>{action.label}</Link>
      </Button>
    </div>
  );
}

/** `RecordShell` with a not-found face: an unknown id is not an error to retry. */
export function StaffRecord<D>({
  query,
  notFound,
  children,
}: {
  query: ShellQuery & { data: D | undefined };
  notFound: React.ReactNode;
  children: (data: D) => React.ReactNode;
}) {
  if (query.isError && isMissing(query.error)) return notFound;
  return (
    <RecordShell query={query} skeleton={<DetailSkeleton blocks={["h-36", "h-48", "h-32"]} />}>
      {children}
    </RecordShell>
  );
}

/** A link inside a fact ("Client : Awa SARL"). */
export function FactLink({ label, href, children }: { label: string; href: string; children: React.ReactNode }) {
  return (
    <Fact label={label}>
      <Link href={href} className="break-words text-primary hover:underline">
        {children}
      </Link>
    </Fact>
  );
}
