// classifyPullRequest: author bot, branch prefix and body markers. Pure.
import { catalog } from "../agents/catalog.js";
import { compileCatalog, normalizeLogin } from "../agents/compile.js";
import type { AgentEntry } from "../agents/entry.js";
import { EvidenceCollector } from "./evidence.js";
import { forEachCandidateLine, lineText } from "./lines.js";
import { matchMarkers } from "./markers.js";
import type { PullRequestInput, PullRequestVerdict } from "./types.js";

export function classifyPullRequest(
  pullRequest: PullRequestInput,
  entries: readonly AgentEntry[] = catalog,
): PullRequestVerdict {
  const compiled = compileCatalog(entries);
  const out = new EvidenceCollector();
  if (pullRequest.authorLogin) {
    for (const { agent, signal } of compiled.prAuthors.get(normalizeLogin(pullRequest.authorLogin)) ?? []) {
      out.add(agent, "pr-author", signal.strength, pullRequest.authorLogin);
    }
  }
  const branch = pullRequest.headRef.toLowerCase();
  for (const { agent, signal } of compiled.prBranchPrefixes) {
    if (branch.startsWith(signal.prefix) && branch.length > signal.prefix.length) {
      out.add(agent, "pr-branch", signal.strength, pullRequest.headRef);
    }
  }
  if (pullRequest.body) {
    forEachCandidateLine(pullRequest.body, compiled.prBodyLines, {
      visitLine(line) {
        // A body's first line is not a commit subject: firstLineOnly markers never apply here.
        for (const { agent, signal } of matchMarkers(compiled.prBodyMarkers, { ...line, isFirstLine: false })) {
          out.add(agent, "pr-body", signal.strength, lineText(line).trim());
        }
      },
    });
  }
  return { number: pullRequest.number, ...out.verdictFields() };
}
