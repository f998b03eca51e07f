"use client";

import Link from "next/link";
import { ArrowRight, type LucideIcon } from "lucide-react";
import { ListShell, type ListShellProps } from "@/components/list-shell";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export type DashboardCardProps<T> = ListShellProps<T> & {
  /** The title's id: the card is a region named by its title. */
  titleId: string;
  title: string;
  icon?: LucideIcon;
  description?: string;
  /** The link beside the title ("Voir tout"). */
  action?: { href: string; label: string };
  /** Below the list, whatever its state (a "new" button). */
  footer?: React.ReactNode;
  className?: string;
  "data-slot"?: string;
  "data-testid"?: string;
};

/**
 * A titled card over one query, with the list's loading, error and empty faces: the dashboard's
 * cards, and the lists that sit in a card on a detail page.
 */
export function DashboardCard<T>({
  titleId,
  title,
  icon: Icon,
  description,
  action,
  footer,
  className,
  "data-slot": slot,
  "data-testid": testId,
  ...shell
}: DashboardCardProps<T>) {
  return (
    <Card aria-labelledby={titleId} className={className} data-slot={slot ?? "card"} data-testid={testId}>
      <CardHeader>
        <div>
          <CardTitle id={titleId} className={Icon ? "flex items-center gap-2" : undefined}>
            {Icon ? <Icon className="size-5 text-primary" aria-hidden="true" /> : null}
            {title}
          </CardTitle>
          {description ? <CardDescription>{description}</CardDescription> : null}
        </div>
        {action ? (
          <Link href={action.href} className="-my-2 inline-flex min-h-11 items-center gap-1 text-sm font-medium text-primary">
            {action.label}
            <ArrowRight className="size-4" aria-hidden="true" />
          </Link>
        ) : null}
      </CardHeader>
      <CardContent className={footer ? "flex flex-col gap-3" : undefined}>
        <ListShell {...shell} />
        {footer}
      </CardContent>
    </Card>
  );
}
