// `agent-census agents`: the catalog as a table, or JSON for scripts.
import type { Command } from "commander";
import { catalog } from "../agents/index.js";
import type { AgentEntry } from "../agents/index.js";
import { renderTable } from "./output.js";

function signalCounts(entry: AgentEntry): string {
  const parts: [string, number][] = [
    ["identity", entry.identities?.length ?? 0],
    ["message", (entry.markers?.length ?? 0) + (entry.trailers?.length ?? 0) + (entry.toolNames?.length ?? 0) + (entry.links?.length ?? 0)],
    [
      "pr",
      (entry.pullRequests?.authorLogins?.length ?? 0) +
        (entry.pullRequests?.branchPrefixes?.length ?? 0) +
        (entry.pullRequests?.bodyMarkers?.length ?? 0),
    ],
    ["config", entry.configPaths?.length ?? 0],
  ];
  return parts
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${kind} ${count}`)
    .join(", ");
}

export function registerAgentsCommand(command: Command): void {
  command
    .option("--json", "print the whole catalog as JSON")
    .option("--class <class>", "only coding-agent or review-assistant")
    .action((options: { json?: boolean; class?: string }) => {
      const entries = catalog.filter((entry) => !options.class || entry.class === options.class);
      if (options.json) {
        // Marker patterns are RegExps: print their source.
        const json = JSON.stringify(entries, (_key, value: unknown) => (value instanceof RegExp ? value.source : value), 2);
        process.stdout.write(`${json}\n`);
        return;
      }
      const rows = entries.map((entry) => [entry.id, entry.name, entry.vendor, entry.class, signalCounts(entry)]);
      console.log(renderTable(["id", "name", "vendor", "class", "signals"], rows));
      console.log(`${entries.length} agents`);
    });
}
