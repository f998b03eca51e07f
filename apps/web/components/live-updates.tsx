"use client";

import { useQueryClient, type QueryKey } from "@tanstack/react-query";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { LiveConnection } from "@/lib/live/connection";
import { refreshesDashboard, staleAfter } from "@/lib/live/invalidation";

/** Events within this window are applied together (a board move touches several queries). */
const BATCH_MS = 250;
/** The staff dashboard renders on the server: at most once in this long. */
const DASHBOARD_REFRESH_MS = 3_000;

/**
 * Keeps the screen up to date: every event the API streams makes the matching queries stale, and
 * those on screen read themselves again (their own polling, where it exists, stays as a fallback).
 * `dashboard`: the path whose server-rendered page an activity event refreshes (the back-office's).
 */
export function LiveUpdates({ dashboard }: { dashboard?: string }) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const pathname = usePathname();
  const onDashboard = useRef(false);
  useEffect(() => {
    onDashboard.current = dashboard !== undefined && pathname === dashboard;
  }, [dashboard, pathname]);

  useEffect(() => {
    let pending: QueryKey[] = [];
    let everything = false;
    let flush: number | null = null;
    let lastRefresh = 0;
    let refreshTimer: number | null = null;

    const apply = () => {
      flush = null;
      if (everything) void queryClient.invalidateQueries();
      else for (const queryKey of pending) void queryClient.invalidateQueries({ queryKey });
      pending = [];
      everything = false;
    };
    const refreshDashboard = () => {
      if (refreshTimer !== null) return;
      const wait = Math.max(0, lastRefresh + DASHBOARD_REFRESH_MS - Date.now());
      refreshTimer = window.setTimeout(() => {
        refreshTimer = null;
        lastRefresh = Date.now();
        if (onDashboard.current) router.refresh();
      }, wait);
    };

    const connection = new LiveConnection({
      url: "/api/events/",
      onEvent: (event) => {
        const stale = staleAfter(event);
        if (stale.all) everything = true;
        else pending.push(...stale.keys);
        flush ??= window.setTimeout(apply, BATCH_MS);
        if (onDashboard.current && refreshesDashboard(event)) refreshDashboard();
      },
    });
    const visibility = () => connection.visibilityChanged();
    const online = () => connection.online();
    document.addEventListener("visibilitychange", visibility);
    window.addEventListener("online", online);
    connection.start();
    return () => {
      document.removeEventListener("visibilitychange", visibility);
      window.removeEventListener("online", online);
      connection.stop();
      if (flush !== null) window.clearTimeout(flush);
      if (refreshTimer !== null) window.clearTimeout(refreshTimer);
    };
  }, [queryClient, router]);

  return null;
}
