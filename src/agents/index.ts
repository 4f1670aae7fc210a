import type { AgentClass } from "./entry.js";
import { catalog } from "./catalog.js";
import type { AgentEntry } from "./entry.js";

export { catalog } from "./catalog.js";
export type * from "./entry.js";

const byId = new Map<string, AgentEntry>(catalog.map((entry) => [entry.id, entry]));

export function findAgent(id: string): AgentEntry | undefined {
  return byId.get(id);
}

/** Coding agent or review assistant; unknown ids (from an older catalog) count as coding agents. */
export function agentClassOf(id: string): AgentClass {
  return byId.get(id)?.class ?? "coding-agent";
}

export function agentName(id: string): string {
  return byId.get(id)?.name ?? id;
}
