// docs/detection.md carries the catalog table scripts/catalog-table.ts prints: it must not drift.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { catalogTable } from "../../scripts/catalog-table.js";
import type { AgentEntry } from "../../src/agents/index.js";

const doc = readFileSync(new URL("../../docs/detection.md", import.meta.url), "utf8");

describe("the catalog table in docs/detection.md", () => {
  it("is the table the script prints (regenerate: npx tsx scripts/catalog-table.ts)", () => {
    const table = /<!-- catalog-table:start -->\n([^]*?)\n<!-- catalog-table:end -->/.exec(doc)?.[1];
    expect(table).toBe(catalogTable());
  });

  it("lists each entry's strong and weak signal kinds with their counts", () => {
    const entry: AgentEntry = {
      id: "x",
      name: "X",
      vendor: "v",
      homepage: "https://x.example",
      class: "coding-agent",
      identities: [{ email: "a@x.example", strength: "strong", example: "" }, { email: "b@x.example", strength: "weak", example: "" }],
      configPaths: [{ path: "X.md", strength: "strong", example: "" }, { path: ".x/", strength: "strong", example: "" }],
    };
    expect(catalogTable([entry])).toContain("| `x` | X | coding-agent | identity 1, config path 2 | identity 1 |");
    expect(catalogTable([{ ...entry, identities: [], configPaths: [], convention: true }])).toContain("| `x` | X | convention | — | — |");
  });
});
