"use client";

import Link from "next/link";
import { ArrowRight } from "lucide-react";
import { ListShell, type ListShellProps } from "@/components/list-shell";
import { TitledCard, type TitledCardProps } from "@/components/titled-card";

export type DashboardCardProps<T> = ListShellProps<T> &
  Omit<TitledCardProps, "aside" | "contentClassName"> & {
    /** The link beside the title ("Voir tout"). */
    action?: { href: string; label: string };
    /** Below the list, whatever its state (a "new" button). */
    footer?: React.ReactNode;
  };

/**
 * A titled card over one query, with the list's loading, error and empty faces: the dashboard's
 * cards, and the lists that sit in a card on a detail page.
 */
export function DashboardCard<T>({
  titleId,
  title,
  icon,
  description,
  action,
  footer,
  className,
  "data-slot": slot,
  "data-testid": testId,
  ...shell
}: DashboardCardProps<T>) {
  return (
    <TitledCard
      titleId={titleId}
      title={title}
      icon={icon}
      description={description}
      aside={
        action ? (
          <Link href={action.href} className="-my-2 inline-flex min-h-11 items-center gap-1 text-sm font-medium text-primary">
            {action.label}
            <ArrowRight className="size-4" aria-hidden="true" />
          </Link>
        ) : null
      }
      className={className}
      contentClassName={footer ? "flex flex-col gap-3" : undefined}
      data-slot={slot}
      data-testid={testId}
    >
      <ListShell {...shell} />
      {footer}
    </TitledCard>
  );
}
