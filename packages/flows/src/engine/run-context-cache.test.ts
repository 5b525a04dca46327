import { describe, expect, it } from "vitest";
import { RunContextCache } from "./run-context-cache";

describe("RunContextCache", () => {
  it("loads a run's context once, until it expires or is evicted", async () => {
    let clock = 0;
    const cache = new RunContextCache<string>(10, 1_000, () => clock);
    let loads = 0;
    const load = async () => `ctx-${++loads}`;
    await expect(cache.get("r1", load)).resolves.toBe("ctx-1");
    await expect(cache.get("r1", load)).resolves.toBe("ctx-1");
    clock = 1_000;
    await expect(cache.get("r1", load)).resolves.toBe("ctx-2");
    cache.evict("r1");
    await expect(cache.get("r1", load)).resolves.toBe("ctx-3");
  });

  it("keeps at most maxRuns entries, dropping the oldest", async () => {
    const cache = new RunContextCache<string>(2, 60_000);
    for (const id of ["a", "b", "c"]) await cache.get(id, async () => id);
    expect(cache.size).toBe(2);
    await expect(cache.get("a", async () => "reloaded")).resolves.toBe("reloaded");
  });

  it("does not keep a failed load", async () => {
    const cache = new RunContextCache<string>(2, 60_000);
    await expect(cache.get("a", () => Promise.reject(new Error("db down")))).rejects.toThrow();
    await expect(cache.get("a", async () => "ok")).resolves.toBe("ok");
  });
});
