// Config-file patterns (from src/detect's configPathPatterns()) turned into what the API can fetch
// cheaply: the directories whose entries we list, and a matcher for the paths found there.

/**
 * Matches tree paths against the patterns with git's own glob rules (one matcher for both
 * backends; it is checked against `git ls-files` in test/sources/git/config-files.test.ts).
 */
export { compilePathMatcher as compileConfigMatcher } from "../path-globs.js";

/**
 * Directories below the root worth listing: the literal prefix of each pattern (".cursor/rules/**" →
 * ".cursor/rules"). Patterns that start with a glob ("**\/CLAUDE.md") are matched at the root and in these
 * directories only: a GraphQL tree listing of the whole repository would cost a REST call per repo.
 */
export function configDirectories(patterns: readonly string[]): string[] {
  const directories = new Set<string>();
  for (const pattern of patterns) {
    const segments = pattern.split("/");
    const literal: string[] = [];
    for (const segment of segments.slice(0, -1)) {
      if (/[*?[]/.test(segment)) break;
      literal.push(segment);
    }
    if (literal.length > 0) directories.add(literal.join("/"));
  }
  // A directory already listed through its parent (two levels are fetched) needs no alias of its own.
  const sorted = [...directories].sort();
  return sorted.filter((directory) => !sorted.some((other) => other !== directory && directory.startsWith(`${other}/`) && directory.split("/").length - other.split("/").length < 2));
}
