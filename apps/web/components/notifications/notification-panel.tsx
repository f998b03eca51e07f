"use client";

import { Popover } from "radix-ui";
import { useTranslations } from "next-intl";
import { useId, useSyncExternalStore } from "react";
import { Sheet, SheetContent, SheetHeader, SheetTitle } from "@/components/ui/sheet";
import { NotificationList } from "./notification-list";

/** `sm`: where the sheet would leave the bottom of the screen; the popover takes over from there. */
const WIDE = "(min-width: 640px)";

function subscribe(onChange: () => void) {
  const query = window.matchMedia(WIDE);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}

function useWideScreen() {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(WIDE).matches,
    () => false,
  );
}

/**
 * The bell's panel: a sheet from the bottom on phones (within the thumb's reach), a popover under
 * the bell on wider screens. It has no trigger of its own (the bell, in the header, is always
 * loaded; this is not), so it gives the focus back to the bell when it closes.
 */
export function NotificationPanel({
  open,
  onOpenChange,
  anchorRef,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  anchorRef: React.RefObject<HTMLButtonElement | null>;
}) {
  const t = useTranslations("notifications");
  const tc = useTranslations("common");
  const titleId = useId();
  const wide = useWideScreen();
  const close = () => onOpenChange(false);
  const focusBell = (event: Event) => {
    event.preventDefault();
    anchorRef.current?.focus();
  };

  if (wide) {
    return (
      <Popover.Root open={open} onOpenChange={onOpenChange}>
        <Popover.Anchor virtualRef={anchorRef} />
        <Popover.Portal>
          <Popover.Content
            align="end"
            sideOffset={6}
            collisionPadding={16}
            aria-labelledby={titleId}
            onCloseAutoFocus={focusBell}
            // A press on the bell is its own toggle, not a click outside that closes and reopens.
            onInteractOutside={(event) => {
              if (anchorRef.current?.contains(event.target as Node)) event.preventDefault();
            }}
            className="z-50 flex max-h-[min(36rem,var(--radix-popover-content-available-height))] w-[24rem] max-w-[calc(100vw-2rem)] flex-col gap-3 overflow-y-auto rounded-lg border bg-card p-4 text-card-foreground shadow-lg outline-none data-[state=open]:animate-in data-[state=open]:fade-in-0 data-[state=open]:zoom-in-95"
          >
            <h2 id={titleId} className="text-lg font-semibold">
              {t("title")}
            </h2>
            <NotificationList onNavigate={close} />
          </Popover.Content>
        </Popover.Portal>
      </Popover.Root>
    );
  }

  return (
    <Sheet open={open} onOpenChange={onOpenChange}>
      <SheetContent
        closeLabel={tc("close")}
        aria-describedby={undefined}
        onCloseAutoFocus={focusBell}
        className="pb-[max(1rem,env(safe-area-inset-bottom))]"
      >
        <SheetHeader>
          <SheetTitle>{t("title")}</SheetTitle>
        </SheetHeader>
        <NotificationList onNavigate={close} />
      </SheetContent>
    </Sheet>
  );
}
