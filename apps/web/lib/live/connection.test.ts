import { describe, expect, it } from "vitest";
import { LiveConnection, reconnectDelay, type LiveEnvironment, type LiveEvent } from "./connection";

/** An EventSource the test drives: it records listeners and can emit frames or fail. */
class FakeSource {
  closed = false;
  onerror: (() => void) | null = null;
  private readonly listeners = new Map<string, (message: MessageEvent) => void>();
  constructor(readonly url: string) {}
  addEventListener(kind: string, listener: (message: MessageEvent) => void) {
    this.listeners.set(kind, listener);
  }
  close() {
    this.closed = true;
  }
  emit(kind: string, data: unknown, id?: number) {
    this.listeners.get(kind)?.({ data: JSON.stringify(data), lastEventId: id === undefined ? "" : String(id) } as MessageEvent);
  }
  fail() {
    this.onerror?.();
  }
}

function harness() {
  const sources: FakeSource[] = [];
  const timers: { run: () => void; ms: number; cleared: boolean }[] = [];
  const state = { hidden: false, online: true };
  const events: LiveEvent[] = [];
  const environment: LiveEnvironment = {
    createSource: (url) => {
      const source = new FakeSource(url);
      sources.push(source);
      return source as unknown as EventSource;
    },
    setTimer: (run, ms) => {
      const timer = { run, ms, cleared: false };
      timers.push(timer);
      return timer;
    },
    clearTimer: (timer) => {
      (timer as { cleared: boolean }).cleared = true;
    },
    random: () => 0.5,
    isHidden: () => state.hidden,
    isOnline: () => state.online,
  };
  const connection = new LiveConnection({ url: "/api/events/", onEvent: (e) => events.push(e), environment });
  const fire = () => {
    const timer = timers.filter((t) => !t.cleared).pop();
    if (!timer) throw new Error("no timer");
    timer.cleared = true;
    timer.run();
    return timer.ms;
  };
  return { sources, timers, state, events, connection, fire, last: () => sources[sources.length - 1] };
}

describe("reconnectDelay", () => {
  it("doubles from one second up to thirty, with jitter around it", () => {
    expect([0, 1, 2, 3, 4, 5, 9].map((attempt) => reconnectDelay(attempt, () => 0.5))).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000,
    ]);
    expect(reconnectDelay(0, () => 0)).toBe(500);
    expect(reconnectDelay(5, () => 0.999)).toBeLessThanOrEqual(45_000);
  });
});

describe("LiveConnection", () => {
  it("hands events on once each, the payload unwrapped", () => {
    const h = harness();
    h.connection.start();
    h.last().emit("ready", { kind: "ready", last_id: 40 });
    h.last().emit("task.changed", { id: 41, kind: "task.changed", data: { project_id: "p" } }, 41);
    h.last().emit("task.changed", { id: 41, kind: "task.changed", data: { project_id: "p" } }, 41);
    expect(h.events.map((e) => [e.kind, e.id])).toEqual([
      ["ready", null],
      ["task.changed", 41],
    ]);
    expect(h.events[1].data).toEqual({ project_id: "p" });
  });

  it("reconnects after a failure, later each time, from the last event read", () => {
    const h = harness();
    h.connection.start();
    h.last().emit("ready", { last_id: 7 });
    h.last().emit("activity", { data: {} }, 9);
    h.last().fail();
    expect(h.sources[0].closed).toBe(true);
    expect(h.fire()).toBe(1000);
    expect(h.last().url).toBe("/api/events/?after=9");
    h.last().fail();
    expect(h.fire()).toBe(2000);
    h.last().fail();
    expect(h.fire()).toBe(4000);
    // Connected again: the next failure starts from one second.
    h.last().emit("ready", { last_id: 12 });
    h.last().fail();
    expect(h.fire()).toBe(1000);
  });

  it("after a sync, starts again from where the new stream began", () => {
    const h = harness();
    h.connection.start();
    h.last().emit("ready", { last_id: 3 });
    h.last().fail();
    h.fire();
    h.last().emit("ready", { last_id: 900 });
    h.last().emit("sync", { kind: "sync" });
    h.last().fail();
    h.fire();
    expect(h.last().url).toBe("/api/events/?after=900");
  });

  it("closes when the tab stays hidden, and comes back when it is shown", () => {
    const h = harness();
    h.connection.start();
    h.state.hidden = true;
    h.connection.visibilityChanged();
    expect(h.fire()).toBe(60_000);
    expect(h.last().closed).toBe(true);
    h.state.hidden = false;
    h.connection.visibilityChanged();
    expect(h.sources).toHaveLength(2);
    expect(h.last().closed).toBe(false);
  });

  it("waits for the network rather than retrying offline", () => {
    const h = harness();
    h.connection.start();
    h.state.online = false;
    h.last().fail();
    expect(h.timers.filter((t) => !t.cleared)).toHaveLength(0);
    h.state.online = true;
    h.connection.online();
    expect(h.sources).toHaveLength(2);
  });

  it("stops for good", () => {
    const h = harness();
    h.connection.start();
    h.connection.stop();
    h.last().fail();
    expect(h.sources).toHaveLength(1);
    expect(h.timers.filter((t) => !t.cleared)).toHaveLength(0);
  });
});
