"use client";

import Link from "next/link";
import { CheckCheck } from "lucide-react";
import { useTranslations } from "next-intl";
import { ListShell } from "@/components/list-shell";
import { useToast } from "@/components/toaster";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { formatDateTime, formatRelative } from "@/lib/format";
import { useAppLocale } from "@/lib/use-app-locale";
import { useErrorMessage } from "@/lib/use-error-message";
import { cn } from "@/lib/utils";
import {
  NOTIFICATIONS_PANEL_SIZE,
  useMarkAllNotificationsRead,
  useMarkNotificationRead,
  useNotifications,
  type NotificationDto,
} from "@/queries/notifications";
import { notificationHref } from "./badge";

function NotificationItem({ notification, onOpen }: { notification: NotificationDto; onOpen: () => void }) {
  const t = useTranslations("notifications");
  const common = useTranslations("common");
  const locale = useAppLocale();
  const unread = !notification.read_at;
  const href = notificationHref(notification.link);
  const className = cn(
    "flex w-full min-h-11 items-start gap-3 rounded-md px-3 py-2.5 text-left text-sm transition-colors",
    unread ? "bg-secondary hover:bg-[color-mix(in_oklab,var(--secondary)_85%,var(--primary))]" : "hover:bg-accent",
  );
  const content = (
    <>
      <span
        aria-hidden="true"
        className={cn("mt-1.5 size-2 shrink-0 rounded-full", unread ? "bg-primary" : "bg-transparent")}
      />
      <span className="flex min-w-0 flex-1 flex-col gap-0.5">
        {unread ? <span className="sr-only">{common("labelled", { label: t("unread") })} </span> : null}
        <span className={cn("break-words", unread ? "font-semibold" : "font-medium")}>{notification.title}</span>
        {notification.body ? <span className="break-words text-muted-foreground">{notification.body}</span> : null}
        <time
          dateTime={notification.created_at}
          title={formatDateTime(notification.created_at, locale)}
          className="text-xs text-muted-foreground"
        >
          {formatRelative(notification.created_at, locale)}
        </time>
      </span>
    </>
  );

  return (
    <li data-testid="notification" data-unread={unread ? "true" : undefined}>
      {href ? (
        // No prefetch: twenty links would fetch twenty pages on mobile data.
        <Link href={href} prefetch={false} onClick={onOpen} className={className}>
          {content}
        </Link>
      ) : (
        <button type="button" onClick={onOpen} className={className}>
          {content}
        </button>
      )}
    </li>
  );
}

/** The latest notifications, unread ones highlighted; opening one marks it read. */
export function NotificationList({ onNavigate }: { onNavigate: () => void }) {
  const t = useTranslations("notifications");
  const notifications = useNotifications();
  const markRead = useMarkNotificationRead();
  const markAll = useMarkAllNotificationsRead();
  const toast = useToast();
  const errorMessage = useErrorMessage();

  const unreadCount = notifications.data?.unread_count ?? 0;
  const total = notifications.data?.count ?? 0;
  return (
    <ListShell
      query={notifications}
      items={notifications.data?.results ?? []}
      // Polled: a failed refresh keeps the list already shown.
      keepDataOnError
      loadingLabel={t("loading")}
      skeleton={
        <div className="flex flex-col gap-3">
          {[0, 1, 2].map((i) => (
            <div key={i} className="flex flex-col gap-1.5 px-3 py-1">
              <Skeleton className="h-4 w-2/5" />
              <Skeleton className="h-4 w-4/5" />
              <Skeleton className="h-3 w-1/4" />
            </div>
          ))}
        </div>
      }
      empty={{ text: t("empty") }}
    >
      {(rows) => (
        <div className="flex flex-col gap-2">
          <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
            <p className="text-sm text-muted-foreground" data-testid="notification-summary">
              {t("unreadSummary", { count: unreadCount })}
            </p>
            <Button
              variant="ghost"
              size="sm"
              className="-mr-2 text-primary"
              disabled={unreadCount === 0 || markAll.isPending}
              onClick={() =>
                markAll.mutate(undefined, { onError: (error) => toast.show("error", errorMessage(error)) })
              }
            >
              <CheckCheck aria-hidden="true" />
              {t("markAllRead")}
            </Button>
          </div>
          <ul className="-mx-1 flex flex-col gap-1" data-testid="notification-list">
            {rows.map((notification) => (
              <NotificationItem
                key={notification.id}
                notification={notification}
                onOpen={() => {
                  if (!notification.read_at) markRead.mutate(notification.id);
                  if (notificationHref(notification.link)) onNavigate();
                }}
              />
            ))}
          </ul>
          {total > rows.length ? (
            <p className="text-center text-xs text-muted-foreground">{t("latestOnly", { count: NOTIFICATIONS_PANEL_SIZE })}</p>
          ) : null}
        </div>
      )}
    </ListShell>
  );
}
