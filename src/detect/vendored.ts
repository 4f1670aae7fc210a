// Which paths are someone else's code: vendored dependencies and generated trees. An agent config
// file there belongs to the library's maintainers, not to the repository that vendors it.
//
// The folders are GitHub Linguist's vendored-path rules (lib/linguist/vendor.yml) that name
// third-party code, matched at any depth as Linguist does for most of them: vendor(s)/,
// node_modules/, bower_components/, third_party/ (and third-party/, thirdparty/), 3rd_party/,
// extern(al)/, Godeps/_workspace/, and at the root Pods/, Carthage/, deps/ and tests' fixtures/.
// Left out on purpose: Linguist's cache/, dist/, tools/ and debian/, which hold a project's own
// files (a tools/CLAUDE.md is the project's own instruction file).
// A repository's .gitattributes can add paths (`linguist-vendored`, `linguist-generated`) or take
// them back (`linguist-vendored=false`, `-linguist-vendored`), as on GitHub.
import ignore from "ignore";

const ANY_DEPTH = /(?:^|\/)(?:vendors?|node_modules|bower_components|third[-_]?party|3rd[-_]?party|extern(?:al)?|Godeps\/_workspace)\//i;
const AT_ROOT = /^(?:Pods|Carthage|deps|[Tt]ests?\/fixtures|[Ss]pecs?\/fixtures)\//;

const ATTRIBUTES = new Set(["linguist-vendored", "linguist-generated"]);

interface AttributeRules {
  vendored: ReturnType<typeof ignore>;
  unvendored: ReturnType<typeof ignore>;
}

/** The .gitattributes lines that set (or unset) linguist-vendored or linguist-generated. */
function parseGitattributes(text: string): AttributeRules {
  const vendored = ignore();
  const unvendored = ignore();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const [pattern, ...attributes] = line.split(/\s+/);
    if (!pattern || pattern.startsWith("!")) continue;
    for (const attribute of attributes) {
      const unset = attribute.startsWith("-") || /=(?:false|0)$/i.test(attribute);
      const name = attribute.replace(/^[-!]/, "").replace(/=.*$/, "");
      if (!ATTRIBUTES.has(name)) continue;
      (unset ? unvendored : vendored).add(pattern);
    }
  }
  return { vendored, unvendored };
}

/** A test for "this path is vendored or generated"; the repository's .gitattributes has the last word. */
export function vendoredPathFilter(gitattributes: string | null): (path: string) => boolean {
  const rules = gitattributes ? parseGitattributes(gitattributes) : null;
  return (path) => {
    if (rules?.unvendored.ignores(path)) return false;
    if (rules?.vendored.ignores(path)) return true;
    return ANY_DEPTH.test(path) || AT_ROOT.test(path);
  };
}
