// classifyPaths: which files in a tree are agent config or instruction files. Pure.
import { catalog } from "../agents/catalog.js";
import { compileCatalog, type CompiledCatalog, type CompiledPathSignal } from "../agents/compile.js";
import type { AgentEntry } from "../agents/entry.js";
import type { Evidence, PathsVerdict } from "./types.js";

function signalsForPath(compiled: CompiledCatalog, path: string): CompiledPathSignal[] {
  const found: CompiledPathSignal[] = [...(compiled.rootPaths.get(path) ?? [])];
  const slash = path.lastIndexOf("/");
  const last = slash < 0 ? path : path.slice(slash + 1);
  for (const { relative, signal } of compiled.anyDepthNames.get(last) ?? []) {
    if (path === relative || path.endsWith(`/${relative}`)) found.push(signal);
  }
  const firstSlash = path.indexOf("/");
  const first = firstSlash < 0 ? path : path.slice(0, firstSlash);
  for (const { prefix, signal } of compiled.folderPrefixes.get(first) ?? []) {
    // A folder counts for anything inside it, and for the folder itself (a submodule, a symlink).
    if (signal.fileSuffix) {
      if (path.startsWith(prefix) && path.endsWith(signal.fileSuffix)) found.push(signal);
    } else if (path.startsWith(prefix) || path === prefix.slice(0, -1)) {
      found.push(signal);
    }
  }
  return found;
}

export function classifyPaths(paths: Iterable<string>, entries: readonly AgentEntry[] = catalog): PathsVerdict {
  const compiled = compileCatalog(entries);
  // One item per (path, agent): a monorepo may hold thousands of CLAUDE.md files, each its own
  // evidence, so repeats are found with a set rather than by scanning the list.
  const evidence: Evidence[] = [];
  const seen = new Set<string>();
  for (const raw of paths) {
    const path = raw.startsWith("./") ? raw.slice(2) : raw;
    const signals = signalsForPath(compiled, path);
    // A path under both ".kiro/" and ".kiro/steering/" is one file: keep its strongest reading per agent.
    const strongAgents = new Set(signals.filter((s) => s.strength === "strong").map((s) => s.agent));
    for (const signal of signals) {
      if (signal.strength === "weak" && strongAgents.has(signal.agent)) continue;
      const key = `${signal.agent}\u0000${signal.strength}\u0000${path}`;
      if (seen.has(key)) continue;
      seen.add(key);
      evidence.push({ agent: signal.agent, kind: "config", strength: signal.strength, matched: path });
    }
  }
  return { evidence };
}

/**
 * The catalog's config paths as globs ("CLAUDE.md", "**\/CLAUDE.md", ".cursor/rules/**"),
 * for sources that can ask for only these paths (git pathspecs, tree filters).
 */
export function configPathPatterns(entries: readonly AgentEntry[] = catalog): string[] {
  const patterns = new Set<string>();
  for (const entry of entries) {
    for (const { path, anyDepth, fileSuffix } of entry.configPaths ?? []) {
      if (fileSuffix) {
        patterns.add(`${path}**/*${fileSuffix}`);
      } else if (path.endsWith("/")) {
        patterns.add(`${path}**`);
        patterns.add(path.slice(0, -1));
      } else {
        patterns.add(path);
        if (anyDepth) patterns.add(`**/${path}`);
      }
    }
  }
  return [...patterns].sort();
}
