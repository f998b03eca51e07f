import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api/client";
import type { components } from "@/lib/api/schema";

export type NotificationDto = components["schemas"]["NotificationDto"];
export type NotificationPage = components["schemas"]["NotificationPage"];

/** The bell's panel shows the latest ones only: no paging on mobile data. */
export const NOTIFICATIONS_PANEL_SIZE = 20;
/** How often the bell asks for the unread count while the tab is visible. */
export const UNREAD_POLL_MS = 60_000;

export const notificationKeys = {
  all: ["notifications"] as const,
  /** The unread count alone (a number): the bell's badge. */
  unreadCount: () => [...notificationKeys.all, "unread-count"] as const,
  lists: () => [...notificationKeys.all, "list"] as const,
  list: (pageSize: number) => [...notificationKeys.lists(), { pageSize }] as const,
};

/**
 * The bell's badge: `unread=true&page_size=1` answers the count with at most one row (a few hundred
 * bytes). Every minute while the tab is visible (TanStack Query skips the interval while the page
 * is hidden) and when the person comes back to the tab, if the count is older than 30 s.
 */
export function useUnreadNotificationCount() {
  return useQuery({
    queryKey: notificationKeys.unreadCount(),
    queryFn: async ({ signal }) => {
      const page = await unwrap(
        api.GET("/api/notifications/", { params: { query: { unread: true, page_size: 1 } }, signal }),
      );
      return page.unread_count;
    },
    staleTime: 30_000,
    refetchInterval: UNREAD_POLL_MS,
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: true,
    // A failed poll is not worth retrying at once: the next one comes within a minute.
    retry: false,
  });
}

/**
 * The latest notifications, newest first, for the open panel only. Asked again each time the panel
 * opens (the cached list shows at once meanwhile); its unread count refreshes the badge's.
 */
export function useNotifications(pageSize = NOTIFICATIONS_PANEL_SIZE) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: notificationKeys.list(pageSize),
    queryFn: async ({ signal }) => {
      const page = await unwrap(api.GET("/api/notifications/", { params: { query: { page_size: pageSize } }, signal }));
      queryClient.setQueryData(notificationKeys.unreadCount(), page.unread_count);
      return page;
    },
    staleTime: 0,
  });
}

type Snapshot = { lists: [readonly unknown[], NotificationPage | undefined][]; count: number | undefined };

async function snapshot(queryClient: QueryClient): Promise<Snapshot> {
  await queryClient.cancelQueries({ queryKey: notificationKeys.all });
  return {
    lists: queryClient.getQueriesData<NotificationPage>({ queryKey: notificationKeys.lists() }),
    count: queryClient.getQueryData<number>(notificationKeys.unreadCount()),
  };
}

function restore(queryClient: QueryClient, saved: Snapshot | undefined) {
  if (!saved) return;
  for (const [key, data] of saved.lists) queryClient.setQueryData(key, data);
  queryClient.setQueryData(notificationKeys.unreadCount(), saved.count);
}

/** Marks one notification read; the list and the badge change at once, the API confirms. */
export function useMarkNotificationRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST("/api/notifications/{id}/read/", { params: { path: { id } } })),
    onMutate: async (id) => {
      const saved = await snapshot(queryClient);
      const now = new Date().toISOString();
      let wasUnread = false;
      queryClient.setQueriesData<NotificationPage>({ queryKey: notificationKeys.lists() }, (page) => {
        if (!page?.results.some((n) => n.id === id && !n.read_at)) return page;
        wasUnread = true;
        return {
          ...page,
          unread_count: Math.max(0, page.unread_count - 1),
          results: page.results.map((n) => (n.id === id ? { ...n, read_at: now } : n)),
        };
      });
      if (wasUnread) {
        queryClient.setQueryData<number>(notificationKeys.unreadCount(), (count) =>
          count === undefined ? count : Math.max(0, count - 1),
        );
      }
      return saved;
    },
    onSuccess: (notification) => {
      queryClient.setQueriesData<NotificationPage>({ queryKey: notificationKeys.lists() }, (page) =>
        page ? { ...page, results: page.results.map((n) => (n.id === notification.id ? notification : n)) } : page,
      );
    },
    onError: (_error, _id, saved) => restore(queryClient, saved),
    // The count alone (one row) settles what the optimistic update guessed.
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationKeys.unreadCount() }),
  });
}

/** Marks every notification read: the highlights and the badge go at once. */
export function useMarkAllNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST("/api/notifications/read-all/")),
    onMutate: async () => {
      const saved = await snapshot(queryClient);
      const now = new Date().toISOString();
      queryClient.setQueriesData<NotificationPage>({ queryKey: notificationKeys.lists() }, (page) =>
        page
          ? { ...page, unread_count: 0, results: page.results.map((n) => (n.read_at ? n : { ...n, read_at: now })) }
          : page,
      );
      queryClient.setQueryData<number>(notificationKeys.unreadCount(), 0);
      return saved;
    },
    onError: (_error, _variables, saved) => restore(queryClient, saved),
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationKeys.unreadCount() }),
  });
}
