// Every signal of the catalog with its stable id: what an audit samples and what a report lists as
// never reviewed. Read from the detector's compiled tables, so the ids are exactly those the
// detector writes on evidence.

import { compiledCatalog } from "../../detect/index.js";
import type { Strength } from "../../agents/index.js";

export interface CatalogSignal {
  id: string;
  agent: string;
  strength: Strength;
}

let cached: CatalogSignal[] | undefined;

export function catalogSignals(): CatalogSignal[] {
  if (cached) return cached;
  const c = compiledCatalog();
  const byId = new Map<string, CatalogSignal>();
  const add = (entry: { agent: string; id: string; signal?: { strength: Strength }; strength?: Strength }) => {
    const strength = entry.strength ?? entry.signal?.strength ?? "strong";
    if (!byId.has(entry.id)) byId.set(entry.id, { id: entry.id, agent: entry.agent, strength });
  };
  const lists = [
    ...c.byEmail.values(),
    ...c.byEmailDomain.values(),
    ...c.byLogin.values(),
    ...c.byUserId.values(),
    c.byNameSuffix,
    ...c.trailers.values(),
    c.toolNames,
    c.markers,
    c.firstLineMarkers,
    c.links,
    ...c.prAuthors.values(),
    c.prBranchPrefixes,
    c.prBodyMarkers,
    ...c.files.values(),
    ...c.folders.values(),
  ];
  for (const list of lists) for (const entry of list) add(entry);
  cached = [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  return cached;
}
