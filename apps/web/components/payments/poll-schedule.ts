"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { PaymentStatus } from "@/lib/api/types";
import { isOpenPayment, POLL_WINDOW_MS, pollDelay } from "@/lib/payments";

/**
 * When a return page asks for a pending payment's status: on `pollDelay`'s schedule, for two
 * minutes; then it stops (`stopped`) until `checkAgain()` or until the person comes back to the
 * tab (from their operator's app, say). Give `refetchInterval` to the status query, then call
 * `usePollWindow` with the query's answer.
 */
export function usePollSchedule() {
  // When the current round of questions started; read in callbacks only, never while rendering.
  const roundStartRef = useRef<number | null>(null);
  const [stopped, setStopped] = useState(false);

  const refetchInterval = useCallback(
    (data: { status: PaymentStatus } | undefined): number | false => {
      if (stopped || (data && !isOpenPayment(data.status))) return false;
      roundStartRef.current ??= Date.now();
      return pollDelay(Date.now() - roundStartRef.current) ?? false;
    },
    [stopped],
  );

  return { roundStartRef, stopped, setStopped, refetchInterval };
}

/** Stops asking after two minutes of an open payment; `checkAgain` starts a new round. */
export function usePollWindow(schedule: ReturnType<typeof usePollSchedule>, open: boolean, refetch: () => unknown) {
  const { roundStartRef, stopped, setStopped } = schedule;

  useEffect(() => {
    if (!open || stopped) return;
    roundStartRef.current ??= Date.now();
    const timer = setTimeout(() => setStopped(true), Math.max(0, POLL_WINDOW_MS - (Date.now() - roundStartRef.current)));
    return () => clearTimeout(timer);
  }, [open, stopped, roundStartRef, setStopped]);

  const checkAgain = useCallback(() => {
    roundStartRef.current = Date.now();
    setStopped(false);
    void refetch();
  }, [refetch, roundStartRef, setStopped]);

  useEffect(() => {
    if (!open || !stopped) return;
    const onVisible = () => {
      if (document.visibilityState === "visible") checkAgain();
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => document.removeEventListener("visibilitychange", onVisible);
  }, [open, stopped, checkAgain]);

  return checkAgain;
}
