// classifyPullRequest: author bot, branch prefix, body markers and links. Pure.
import { catalog } from "../agents/catalog.js";
import { normalizeLogin } from "./compile.js";
import type { AgentEntry } from "../agents/entry.js";
import { compiledCatalog } from "./commit.js";
import { EvidenceList } from "./evidence.js";
import { readLines, readLinks } from "./message.js";
import type { PullRequestInput, PullRequestVerdict } from "./types.js";

export function classifyPullRequest(pullRequest: PullRequestInput, entries: readonly AgentEntry[] = catalog): PullRequestVerdict {
  const compiled = compiledCatalog(entries);
  const out = new EvidenceList();
  if (pullRequest.authorLogin) {
    for (const { agent, id, signal } of compiled.prAuthors.get(normalizeLogin(pullRequest.authorLogin)) ?? []) {
      out.add(agent, "pr-author", signal.strength, pullRequest.authorLogin, id);
    }
  }
  const branch = pullRequest.headRef.toLowerCase();
  for (const { agent, id, signal } of compiled.prBranchPrefixes) {
    if (branch.startsWith(signal.prefix) && branch.length > signal.prefix.length) {
      out.add(agent, "pr-branch", signal.strength, pullRequest.headRef, id);
    }
  }
  if (pullRequest.body) {
    // A body's trailers count as a commit's would (squash merges copy them into the commit).
    readLines(compiled, pullRequest.body, out, "pr-body");
    readLinks(compiled, pullRequest.body, out, "pr-body");
  }
  const { agents, weakAgents, evidence } = out.verdict();
  return { number: pullRequest.number, agents, weakAgents, evidence };
}
