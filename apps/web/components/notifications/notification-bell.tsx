"use client";

import dynamic from "next/dynamic";
import { Bell } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId, useRef, useState } from "react";
import { useUnreadNotificationCount } from "@/queries/notifications";
import { cn } from "@/lib/utils";
import { unreadBadgeLabel } from "./badge";

// The panel (the list, a sheet or a popover) loads on the first tap, not with every page.
const loadPanel = () => import("./notification-panel").then((m) => m.NotificationPanel);
const NotificationPanel = dynamic(loadPanel, { ssr: false });

/**
 * The header's bell: the unread count as a badge (polled gently, see `useUnreadNotificationCount`)
 * and, on a tap, the latest notifications.
 */
export function NotificationBell({ className }: { className?: string }) {
  const t = useTranslations("notifications");
  const unread = useUnreadNotificationCount();
  const [open, setOpen] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const bellRef = useRef<HTMLButtonElement>(null);
  const countId = useId();
  const count = unread.data ?? 0;
  const badge = unreadBadgeLabel(count);

  return (
    <>
      <button
        ref={bellRef}
        type="button"
        aria-label={t("bell")}
        aria-describedby={badge ? countId : undefined}
        aria-haspopup="dialog"
        aria-expanded={open}
        data-testid="notification-bell"
        // Start fetching the panel's code as the finger lands, before the click.
        onPointerDown={() => void loadPanel()}
        onClick={() => {
          setLoaded(true);
          setOpen((was) => !was);
        }}
        className={cn(
          "relative inline-flex size-11 shrink-0 items-center justify-center rounded-md hover:bg-accent",
          open && "bg-accent",
          className,
        )}
      >
        <Bell className="size-5" aria-hidden="true" />
        {badge ? (
          <>
            <span
              aria-hidden="true"
              data-testid="notification-badge"
              className="absolute top-1 right-1 flex h-[1.125rem] min-w-[1.125rem] items-center justify-center rounded-full bg-destructive px-1 text-[0.6875rem] leading-none font-semibold text-destructive-foreground tabular-nums ring-2 ring-card"
            >
              {badge}
            </span>
            <span id={countId} className="sr-only">
              {t("unreadCount", { count })}
            </span>
          </>
        ) : null}
      </button>
      {loaded ? <NotificationPanel open={open} onOpenChange={setOpen} anchorRef={bellRef} /> : null}
    </>
  );
}
