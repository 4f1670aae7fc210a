// `npx tsx scripts/catalog-table.ts`: the catalog as a markdown table (one row per agent, the
// kinds of strong and of weak signal it has, with counts), for docs/detection.md. The doc holds
// the output between markers, and test/agents checks it is up to date, so it is never hand-edited.
import { pathToFileURL } from "node:url";
import { catalog } from "../src/agents/catalog.js";
import type { AgentEntry, Strength } from "../src/agents/entry.js";

/** The signal kinds in the order docs/detection.md explains them. */
const KINDS = ["identity", "trailer", "tool name", "marker", "link", "PR author", "PR branch", "PR body", "config path"] as const;

function signalsOf(entry: AgentEntry): { kind: (typeof KINDS)[number]; strength: Strength }[] {
  const pr = entry.pullRequests;
  return [
    ...(entry.identities ?? []).map((s) => ({ kind: "identity" as const, strength: s.strength })),
    ...(entry.trailers ?? []).map((s) => ({ kind: "trailer" as const, strength: s.strength })),
    ...(entry.toolNames ?? []).map((s) => ({ kind: "tool name" as const, strength: s.strength })),
    ...(entry.markers ?? []).map((s) => ({ kind: "marker" as const, strength: s.strength })),
    ...(entry.links ?? []).map((s) => ({ kind: "link" as const, strength: s.strength })),
    ...(pr?.authorLogins ?? []).map((s) => ({ kind: "PR author" as const, strength: s.strength })),
    ...(pr?.branchPrefixes ?? []).map((s) => ({ kind: "PR branch" as const, strength: s.strength })),
    ...(pr?.bodyMarkers ?? []).map((s) => ({ kind: "PR body" as const, strength: s.strength })),
    ...(entry.configPaths ?? []).map((s) => ({ kind: "config path" as const, strength: s.strength })),
  ];
}

/** "identity 2, config path 3", in KINDS order; "—" for none. */
function kindsList(signals: { kind: string; strength: Strength }[], strength: Strength): string {
  const counts = new Map<string, number>();
  for (const signal of signals) if (signal.strength === strength) counts.set(signal.kind, (counts.get(signal.kind) ?? 0) + 1);
  const parts = KINDS.filter((kind) => counts.has(kind)).map((kind) => `${kind} ${counts.get(kind)}`);
  return parts.length > 0 ? parts.join(", ") : "—";
}

export function catalogTable(entries: readonly AgentEntry[] = catalog): string {
  const rows = [...entries]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((entry) => {
      const signals = signalsOf(entry);
      const kind = entry.convention ? "convention" : entry.class;
      return `| \`${entry.id}\` | ${entry.name} | ${kind} | ${kindsList(signals, "strong")} | ${kindsList(signals, "weak")} |`;
    });
  const total = entries.reduce((sum, entry) => sum + signalsOf(entry).length, 0);
  return [
    "| id | agent | class | strong signals | weak signals |",
    "|---|---|---|---|---|",
    ...rows,
    "",
    `${entries.length} entries, ${total} signals.`,
  ].join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) console.log(catalogTable());
