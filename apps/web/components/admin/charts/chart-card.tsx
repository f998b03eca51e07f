import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/lib/utils";

/**
 * A chart in a card: its title, an optional legend, the SVG (which names itself with `<title>`
 * and `<desc>`), and the same numbers as a table under "Voir les chiffres", for screen readers,
 * keyboards and anyone who wants the exact amounts.
 */
export function ChartCard({
  id,
  title,
  description,
  legend,
  children,
  table,
  showData,
  className,
}: {
  id: string;
  title: string;
  description?: string;
  legend?: React.ReactNode;
  children: React.ReactNode;
  table?: React.ReactNode;
  showData: string;
  className?: string;
}) {
  return (
    <Card aria-labelledby={`${id}-heading`} className={cn("min-w-0", className)} data-testid={id}>
      <CardHeader className="flex-wrap">
        <div>
          <CardTitle id={`${id}-heading`}>{title}</CardTitle>
          {description ? <CardDescription>{description}</CardDescription> : null}
        </div>
        {legend}
      </CardHeader>
      <CardContent>
        {children}
        {table ? (
          <details className="mt-1">
            <summary className="inline-flex min-h-11 cursor-pointer items-center text-sm font-medium text-primary md:min-h-9">{showData}</summary>
            {/* Focusable, so a keyboard can scroll a table wider than a phone. */}
            <div className="overflow-x-auto" tabIndex={0} role="region" aria-labelledby={`${id}-heading`}>
              {table}
            </div>
          </details>
        ) : null}
      </CardContent>
    </Card>
  );
}

/** The table behind a chart: a caption, a header row, and numbers aligned right. */
export function ChartTable({ caption, head, rows }: { caption: string; head: string[]; rows: React.ReactNode[][] }) {
  return (
    <table className="w-full text-sm tabular-nums">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b text-left text-xs text-muted-foreground">
          {head.map((cell, i) => (
            <th key={i} scope="col" className={cn("py-1.5 pr-3 font-medium", i > 0 && "text-right")}>
              {cell}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, r) => (
          <tr key={r} className="border-b last:border-0">
            {row.map((cell, i) =>
              i === 0 ? (
                <th key={i} scope="row" className="py-1.5 pr-3 text-left font-normal">
                  {cell}
                </th>
              ) : (
                <td key={i} className="py-1.5 pr-3 text-right">
                  {cell}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A row's name in a chart's table: a link to the list behind it once that list has a page, plain text until then. */
export function MaybeLink({ href, children }: { href: string | undefined; children: React.ReactNode }) {
  if (!href) return <span className="font-medium">{children}</span>;
  return (
    <Link href={href} prefetch={false} className="font-medium text-primary underline-offset-4 hover:underline">
      {children}
    </Link>
  );
}
