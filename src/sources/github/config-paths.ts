// Config-file patterns (from src/detect's configPathPatterns()) turned into what the API can fetch
// cheaply: the directories whose entries we list, and a matcher for the paths found there.

/** A glob as git pathspecs and .gitignore-style lists write them: `**` any depth, `*` and `?` within a segment. */
export function globToRegExp(pattern: string): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] as string;
    if (char === "*" && pattern[i + 1] === "*") {
      // "**/" matches zero or more directories; a trailing "**" matches everything below.
      if (pattern[i + 2] === "/") {
        source += "(?:.*/)?";
        i += 2;
      } else {
        source += ".*";
        i += 1;
      }
    } else if (char === "*") source += "[^/]*";
    else if (char === "?") source += "[^/]";
    else source += char.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}

export function compileConfigMatcher(patterns: readonly string[]): (path: string) => boolean {
  const regexes = patterns.map(globToRegExp);
  return (path) => regexes.some((regex) => regex.test(path));
}

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
