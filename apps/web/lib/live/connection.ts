/**
 * One live connection per tab to `GET /api/events/` (Server-Sent Events through the `/api` proxy,
 * with the session cookie). EventSource would retry on its own at a fixed pace; this closes it on
 * an error and reconnects itself with a growing, jittered delay (no reconnection storm after a
 * server restart), from the last event read (`?after=`), so that nothing is missed. A tab hidden
 * for a minute closes its connection (a phone's battery and data); it reconnects when shown again,
 * or when the network comes back.
 */

/** The kinds the API sends (see the API's `EventDto`). */
export const LIVE_KINDS = [
  "ready",
  "sync",
  "task.changed",
  "task.comment",
  "ticket.changed",
  "ticket.message",
  "payment.changed",
  "notification.created",
  "activity",
] as const;
export type LiveKind = (typeof LIVE_KINDS)[number];

export interface LiveEvent {
  id: number | null;
  kind: LiveKind;
  data: Record<string, unknown>;
}

export type LiveStatus = "connecting" | "open" | "waiting" | "paused";

/** What the connection needs from the browser, replaceable in tests. */
export interface LiveEnvironment {
  createSource: (url: string) => EventSource;
  setTimer: (run: () => void, ms: number) => unknown;
  clearTimer: (timer: unknown) => void;
  random: () => number;
  isHidden: () => boolean;
  isOnline: () => boolean;
}

export interface LiveOptions {
  url: string;
  onEvent: (event: LiveEvent) => void;
  onStatus?: (status: LiveStatus) => void;
  /** How long a hidden tab keeps its connection. */
  hiddenGraceMs?: number;
  environment?: LiveEnvironment;
}

const MAX_DELAY_MS = 30_000;
/** Ids remembered to skip an event sent twice (a replay overlaps what arrived live). */
const SEEN_IDS = 512;

/** The wait before reconnection attempt `attempt` (0 first): 1 s, 2 s, 4 s… at most 30 s, ± 50 %. */
export function reconnectDelay(attempt: number, random: () => number): number {
  const base = Math.min(MAX_DELAY_MS, 1000 * 2 ** Math.min(attempt, 5));
  return Math.round(base * (0.5 + random()));
}

function browserEnvironment(): LiveEnvironment {
  return {
    createSource: (url) => new EventSource(url),
    setTimer: (run, ms) => window.setTimeout(run, ms),
    clearTimer: (timer) => window.clearTimeout(timer as number),
    random: Math.random,
    isHidden: () => document.visibilityState === "hidden",
    isOnline: () => navigator.onLine,
  };
}

export class LiveConnection {
  private source: EventSource | null = null;
  private timer: unknown = null;
  private hiddenTimer: unknown = null;
  private attempt = 0;
  private lastId: number | null = null;
  /** The newest event id when the current stream started (where a `sync` leaves us). */
  private readyLastId: number | null = null;
  private readonly seen: number[] = [];
  private stopped = false;
  private readonly env: LiveEnvironment;

  constructor(private readonly options: LiveOptions) {
    this.env = options.environment ?? browserEnvironment();
  }

  start() {
    this.stopped = false;
    this.connect();
  }

  stop() {
    this.stopped = true;
    this.close();
    this.clearTimers();
  }

  /** The tab was hidden or shown. */
  visibilityChanged() {
    if (this.stopped) return;
    if (this.env.isHidden()) {
      this.hiddenTimer ??= this.env.setTimer(() => {
        this.hiddenTimer = null;
        this.close();
        this.clearTimers();
        this.status("paused");
      }, this.options.hiddenGraceMs ?? 60_000);
    } else {
      if (this.hiddenTimer !== null) this.env.clearTimer(this.hiddenTimer);
      this.hiddenTimer = null;
      if (!this.source) this.reconnectNow();
    }
  }

  /** The network came back: no reason to wait for the back-off. */
  online() {
    if (!this.stopped && !this.source && !this.env.isHidden()) this.reconnectNow();
  }

  private reconnectNow() {
    this.clearTimers();
    this.attempt = 0;
    this.connect();
  }

  private connect() {
    if (this.stopped || this.source) return;
    const url = this.lastId === null ? this.options.url : `${this.options.url}?after=${this.lastId}`;
    this.status("connecting");
    const source = this.env.createSource(url);
    this.source = source;
    for (const kind of LIVE_KINDS) source.addEventListener(kind, (message) => this.received(kind, message as MessageEvent));
    source.onerror = () => {
      // Closed here, or EventSource would retry by itself, at its own pace.
      this.close();
      if (this.stopped) return;
      if (!this.env.isOnline() || this.env.isHidden()) {
        this.status("paused");
        return;
      }
      this.status("waiting");
      this.timer = this.env.setTimer(() => {
        this.timer = null;
        this.connect();
      }, reconnectDelay(this.attempt++, this.env.random));
    };
  }

  private received(kind: LiveKind, message: MessageEvent) {
    let data: Record<string, unknown> = {};
    try {
      data = JSON.parse(String(message.data)) as Record<string, unknown>;
    } catch {
      return;
    }
    if (kind === "ready") {
      this.attempt = 0;
      this.status("open");
      if (typeof data.last_id === "number") this.readyLastId = data.last_id;
      this.lastId ??= this.readyLastId;
    }
    // Too much was missed to replay: everything is read again, and from now on.
    if (kind === "sync" && this.readyLastId !== null) this.lastId = Math.max(this.lastId ?? 0, this.readyLastId);
    const id = message.lastEventId ? Number(message.lastEventId) : null;
    if (id !== null && Number.isFinite(id)) {
      if (this.seen.includes(id)) return;
      this.seen.push(id);
      if (this.seen.length > SEEN_IDS) this.seen.shift();
      this.lastId = Math.max(this.lastId ?? 0, id);
    }
    const payload = typeof data.data === "object" && data.data !== null ? (data.data as Record<string, unknown>) : data;
    this.options.onEvent({ id, kind, data: payload });
  }

  private close() {
    this.source?.close();
    this.source = null;
  }

  private clearTimers() {
    if (this.timer !== null) this.env.clearTimer(this.timer);
    this.timer = null;
  }

  private status(status: LiveStatus) {
    this.options.onStatus?.(status);
  }
}
