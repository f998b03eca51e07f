"use client";

import { Sheet, SheetContent, SheetHeader, SheetTitle } from "@/components/ui/sheet";

/** The phone's drawer: it closes when one of its links is followed. */
export function AdminMenuSheet({
  open,
  onOpenChange,
  title,
  closeLabel,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  closeLabel: string;
  children: React.ReactNode;
}) {
  return (
    <Sheet open={open} onOpenChange={onOpenChange}>
      <SheetContent closeLabel={closeLabel} aria-describedby={undefined}>
        <SheetHeader>
          <SheetTitle>{title}</SheetTitle>
        </SheetHeader>
        {/* The links are the server's; one click on any of them closes the drawer. */}
        <div
          className="flex flex-col gap-3"
          onClickCapture={(event) => {
            if ((event.target as HTMLElement).closest("a")) onOpenChange(false);
          }}
        >
          {children}
        </div>
      </SheetContent>
    </Sheet>
  );
}
