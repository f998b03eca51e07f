import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";

/** The sections of a client's page, in order: the anchors' targets. */
export const SECTIONS = ["identity", "contacts", "invitations", "projects", "quotes", "invoices", "payments", "tickets", "documents", "statement", "activity"] as const;
export type Section = (typeof SECTIONS)[number];

/** A section of the page as a card, its title the anchor's target. */
export function SectionCard({
  id,
  title,
  count,
  action,
  children,
}: {
  id: Section;
  title: string;
  count?: number;
  action?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <Card id={id} aria-labelledby={`${id}-title`} className="scroll-mt-20">
      <CardHeader className="items-center">
        <CardTitle id={`${id}-title`}>
          {title}
          {count !== undefined ? <span className="ml-2 font-normal text-muted-foreground tabular-nums">{count}</span> : null}
        </CardTitle>
        {action}
      </CardHeader>
      <CardContent>{children}</CardContent>
    </Card>
  );
}

