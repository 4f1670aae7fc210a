import { describe, expect, it } from "vitest";
import type { Database } from "../../src/store/index.js";
import { GroupCommit } from "../../src/store/group-commit.js";

// The group commit itself, on a stand-in database: what it hands to the write it wraps.
describe("group commit", () => {
  it("with two writers on Postgres, never writes an empty group, and every write lands once", async () => {
    const sizes: number[] = [];
    const written: number[] = [];
    const database = { kind: "pg" } as Database;
    const groups = new GroupCommit<number, number>(database, async (items) => {
      sizes.push(items.length);
      await new Promise((resolve) => setTimeout(resolve, 1));
      written.push(...items);
      return items.map((item) => item * 2);
    });
    // Writes arrive in waves, as deliveries do, while groups are in flight.
    const results: Array<Promise<number>> = [];
    for (let wave = 0; wave < 50; wave++) {
      for (let i = 0; i < 3; i++) results.push(groups.record(wave * 3 + i));
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await Promise.all(results)).toEqual(Array.from({ length: 150 }, (_, i) => i * 2));
    expect(sizes.filter((size) => size === 0)).toEqual([]);
    expect(written.sort((a, b) => a - b)).toEqual(Array.from({ length: 150 }, (_, i) => i));
    expect(groups.stats.groups).toBe(sizes.length);
    expect(groups.stats.pushes).toBe(150);
  });
});
