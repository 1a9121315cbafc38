import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { refreshAfterChanges } from "@/components/dialogue/live-refresh";

describe("refreshAfterChanges (the live thread's re-renders)", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("re-renders at once on a change, and once more after it, so a change that raced an earlier render still shows", () => {
    const refresh = vi.fn();
    const changes = refreshAfterChanges(refresh, { settleMs: 800, maxWaitMs: 3_000 });
    changes.changed();
    expect(refresh).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(799);
    expect(refresh).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(refresh).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(10_000);
    expect(refresh).toHaveBeenCalledTimes(2);
  });

  it("answers a burst of changes with two renders, the last one after the last change", () => {
    const refresh = vi.fn();
    const changes = refreshAfterChanges(refresh, { settleMs: 800, maxWaitMs: 3_000 });
    for (let i = 0; i < 11; i++) {
      changes.changed();
      vi.advanceTimersByTime(100);
    }
    expect(refresh).toHaveBeenCalledTimes(1);
    const lastChange = Date.now() - 100;
    vi.advanceTimersByTime(700);
    expect(refresh).toHaveBeenCalledTimes(2);
    expect(Date.now()).toBeGreaterThanOrEqual(lastChange + 800);
  });

  it("keeps a steady stream of changes current: never longer than maxWaitMs without a render", () => {
    const refresh = vi.fn();
    const changes = refreshAfterChanges(refresh, { settleMs: 800, maxWaitMs: 3_000 });
    const renders: number[] = [];
    refresh.mockImplementation(() => renders.push(Date.now()));
    const start = Date.now();
    for (let i = 0; i < 20; i++) {
      changes.changed();
      vi.advanceTimersByTime(500);
    }
    vi.advanceTimersByTime(1_000);
    expect(renders[0]).toBe(start);
    for (let i = 1; i < renders.length; i++) expect(renders[i]! - renders[i - 1]!).toBeLessThanOrEqual(3_000);
    // The last render comes after the last change.
    expect(renders.at(-1)).toBeGreaterThanOrEqual(start + 19 * 500);
    expect(renders.length).toBeLessThan(20);
  });

  it("does nothing more once the page is gone", () => {
    const refresh = vi.fn();
    const changes = refreshAfterChanges(refresh);
    changes.changed();
    changes.dispose();
    vi.advanceTimersByTime(10_000);
    expect(refresh).toHaveBeenCalledTimes(1);
  });
});
