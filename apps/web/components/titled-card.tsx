// No "use client": server pages (the public pay page) draw it too.

import type { LucideIcon } from "lucide-react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export type TitledCardProps = {
  /** The title's id: the card is a region named by its title. */
  titleId: string;
  title: string;
  icon?: LucideIcon;
  description?: string;
  /** Beside the title, on the right: a link ("Voir tout") or a badge. */
  aside?: React.ReactNode;
  className?: string;
  contentClassName?: string;
  "data-slot"?: string;
  "data-testid"?: string;
};

/** A card that is a region of the page, named by its title (with an icon and a line under it if given). */
export function TitledCard({
  titleId,
  title,
  icon: Icon,
  description,
  aside,
  className,
  contentClassName,
  "data-slot": slot = "card",
  "data-testid": testId,
  children,
}: TitledCardProps & { children: React.ReactNode }) {
  return (
    <Card aria-labelledby={titleId} className={className} data-slot={slot} data-testid={testId}>
      <CardHeader>
        <div>
          <CardTitle id={titleId} className={Icon ? "flex items-center gap-2" : undefined}>
            {Icon ? <Icon className="size-5 text-primary" aria-hidden="true" /> : null}
            {title}
          </CardTitle>
          {description ? <CardDescription>{description}</CardDescription> : null}
        </div>
        {aside}
      </CardHeader>
      <CardContent className={contentClassName}>{children}</CardContent>
    </Card>
  );
}
