// Config-file patterns are globs in git's pathspec dialect ("**/CLAUDE.md", ".cursor/rules/**").
// `git log` takes them as `:(glob)` pathspecs; `git ls-tree` cannot, so the same dialect is
// matched here, and a test checks both agree with git's own ls-files.

/** The git pathspecs for a list of globs; an argument that already carries magic is kept. */
export function globsToPathspecs(patterns: readonly string[]): string[] {
  return patterns.map((pattern) => (pattern.startsWith(":") ? pattern : `:(glob)${pattern}`));
}

/**
 * A predicate true for every path git's `:(glob)` pathspecs would select: a glob must match the
 * whole path; a pattern without wildcards also selects everything inside the directory it names.
 */
export function compilePathMatcher(patterns: readonly string[]): (path: string) => boolean {
  const literals: string[] = [];
  const expressions: RegExp[] = [];
  for (const pattern of patterns.map(stripMagic)) {
    if (/[*?[\\]/.test(pattern)) expressions.push(new RegExp(`^${globToRegExpSource(pattern)}$`));
    else literals.push(pattern.replace(/\/$/, ""));
  }
  return (path) =>
    literals.some((literal) => path === literal || path.startsWith(`${literal}/`)) ||
    expressions.some((expression) => expression.test(path));
}

function stripMagic(pattern: string): string {
  return pattern.replace(/^:\([^)]*\)/, "").replace(/^:\//, "");
}

/** git's wildmatch with WM_PATHNAME: `*` and `?` stop at "/", `**` spans directories. */
export function globToRegExpSource(glob: string): string {
  let out = "";
  let i = 0;
  while (i < glob.length) {
    const c = glob[i]!;
    if (c === "*" && glob[i + 1] === "*") {
      const atStart = i === 0 || glob[i - 1] === "/";
      const after = glob[i + 2];
      if (atStart && after === "/") {
        out += "(?:.*/)?"; // "**/" : zero or more directories
        i += 3;
        continue;
      }
      if (atStart && after === undefined) {
        out += ".*"; // trailing "/**": everything inside
        i += 2;
        continue;
      }
      out += "[^/]*"; // any other "**" is a plain "*"
      i += 2;
      continue;
    }
    if (c === "*") out += "[^/]*";
    else if (c === "?") out += "[^/]";
    else if (c === "[") {
      const close = glob.indexOf("]", i + 2);
      if (close === -1) out += "\\[";
      else {
        let body = glob.slice(i + 1, close);
        if (body.startsWith("!")) body = `^${body.slice(1)}`;
        out += `[${body.replace(/\\/g, "\\\\")}]`;
        i = close + 1;
        continue;
      }
    } else if (c === "\\" && i + 1 < glob.length) {
      out += escapeRegExp(glob[i + 1]!);
      i += 2;
      continue;
    } else out += escapeRegExp(c);
    i++;
  }
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
