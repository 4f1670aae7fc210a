// The store is read from one entry (index.ts) and its modules must not import each other in a
// circle, type imports included: a cycle is how a store module ends up forwarding to another that
// imports its types back (the shape the store had before it was split by what it holds).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const STORE = join(import.meta.dirname, "../../src/store");

/** Each store module's imports of other store modules (`./x.js`), `import type` included. */
function storeImports(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of readdirSync(STORE).filter((name) => name.endsWith(".ts"))) {
    const text = readFileSync(join(STORE, file), "utf8");
    const targets = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s+"\.\/([\w.-]+)\.js"/g)].map((match) => `${match[1]}.ts`);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** One cycle as a path of files, or null. */
function findCycle(graph: Map<string, string[]>): string[] | null {
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const visit = (file: string): string[] | null => {
    if (state.get(file) === "done") return null;
    if (state.get(file) === "open") return [...path.slice(path.indexOf(file)), file];
    state.set(file, "open");
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(file, "done");
    return null;
  };
  for (const file of graph.keys()) {
    const cycle = visit(file);
    if (cycle) return cycle;
  }
  return null;
}

describe("src/store", () => {
  it("reads its own imports (the check sees the modules it is about)", () => {
    const graph = storeImports();
    expect(graph.get("index.ts")?.length).toBeGreaterThan(5);
    expect(graph.get("facts.ts")).toContain("aggregates.ts");
  });

  it("has no import cycle, type imports included", () => {
    expect(findCycle(storeImports())).toBeNull();
  });

  it("finds a cycle when there is one", () => {
    expect(findCycle(new Map([["a.ts", ["b.ts"]], ["b.ts", ["c.ts"]], ["c.ts", ["a.ts"]]]))).toEqual(["a.ts", "b.ts", "c.ts", "a.ts"]);
  });
});
