// classifyPaths: which files in a tree are agent config or instruction files. Pure.
//
// Vendored and generated trees are not the repository's own: a project that vendors a library
// whose maintainers use an agent has not adopted one. Their paths are skipped (vendored.ts).
import { catalog } from "../agents/catalog.js";
import type { CompiledCatalog, CompiledPathSignal } from "./compile.js";
import type { AgentEntry } from "../agents/entry.js";
import { compiledCatalog } from "./commit.js";
import { vendoredPathFilter } from "./vendored.js";
import type { Evidence, PathsVerdict } from "./types.js";

function fileMatches(signal: CompiledPathSignal, path: string): boolean {
  return path === signal.path || (signal.anyDepth && path.endsWith(`/${signal.path}`));
}

/** The folder signal's path starts at `at` (0, or just after a "/") and holds this path. */
function folderMatches(signal: CompiledPathSignal, path: string, at: number): boolean {
  if (at > 0 && !signal.anyDepth) return false;
  if (!path.startsWith(signal.path, at)) return path.length - at === signal.path.length - 1 && path.startsWith(signal.path.slice(0, -1), at);
  return !signal.fileSuffix || path.endsWith(signal.fileSuffix);
}

/**
 * The signals a path matches. A file the catalog names by its exact root path is that agent's, even
 * inside another agent's folder: .gemini/config.yaml is Gemini Code Assist's, not Gemini CLI's.
 */
function signalsForPath(compiled: CompiledCatalog, path: string): CompiledPathSignal[] {
  const found: CompiledPathSignal[] = [];
  const last = path.slice(path.lastIndexOf("/") + 1);
  for (const signal of compiled.files.get(last) ?? []) if (fileMatches(signal, path)) found.push(signal);
  if (found.some((signal) => signal.path === path)) return found;
  // Each segment may start a folder the catalog knows (".claude/", or "x/.claude/" at any depth).
  for (let at = 0; at < path.length; at = path.indexOf("/", at) + 1) {
    const slash = path.indexOf("/", at);
    const segment = path.slice(at, slash < 0 ? path.length : slash);
    // A folder counts for anything inside it, and for the folder itself (a submodule, a symlink).
    for (const signal of compiled.folders.get(segment) ?? []) if (folderMatches(signal, path, at)) found.push(signal);
    if (slash < 0) break;
  }
  return found;
}

export interface ClassifyPathsOptions {
  /** The repository's own .gitattributes text: its linguist-vendored / linguist-generated paths are skipped too. */
  gitattributes?: string | null;
}

export function classifyPaths(paths: Iterable<string>, options: ClassifyPathsOptions = {}, entries: readonly AgentEntry[] = catalog): PathsVerdict {
  const compiled = compiledCatalog(entries);
  const isVendored = vendoredPathFilter(options.gitattributes ?? null);
  // One item per (path, agent): a monorepo may hold thousands of CLAUDE.md files, each its own
  // evidence, so repeats are found with a set rather than by scanning the list.
  const evidence: Evidence[] = [];
  const seen = new Set<string>();
  for (const raw of paths) {
    const path = raw.startsWith("./") ? raw.slice(2) : raw;
    const signals = signalsForPath(compiled, path);
    if (signals.length === 0 || isVendored(path)) continue;
    // A path under both ".kiro/" and ".kiro/steering/" is one file: keep its strongest reading per agent.
    const byAgent = new Map<string, CompiledPathSignal>();
    for (const signal of signals) {
      const kept = byAgent.get(signal.agent);
      if (!kept || (kept.strength === "weak" && signal.strength === "strong")) byAgent.set(signal.agent, signal);
    }
    for (const [agent, signal] of byAgent) {
      const key = `${agent}\u0000${path}`;
      if (seen.has(key)) continue;
      seen.add(key);
      evidence.push({ agent, kind: "config", strength: signal.strength, matched: path, signal: signal.id });
    }
  }
  return { evidence };
}

/**
 * The catalog's config paths as globs ("CLAUDE.md", "**\/CLAUDE.md", ".cursor/**"), for sources
 * that can ask for only these paths (git pathspecs, tree filters).
 */
export function configPathPatterns(entries: readonly AgentEntry[] = catalog): string[] {
  const patterns = new Set<string>();
  for (const entry of entries) {
    for (const { path, anyDepth, fileSuffix } of entry.configPaths ?? []) {
      const prefixes = anyDepth ? ["", "**/"] : [""];
      for (const prefix of prefixes) {
        if (fileSuffix) {
          patterns.add(`${prefix}${path}**/*${fileSuffix}`);
        } else if (path.endsWith("/")) {
          patterns.add(`${prefix}${path}**`);
          patterns.add(`${prefix}${path.slice(0, -1)}`);
        } else {
          patterns.add(`${prefix}${path}`);
        }
      }
    }
  }
  return [...patterns].sort();
}
