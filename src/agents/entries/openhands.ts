import type { AgentEntry } from "../entry.js";

export const openhands: AgentEntry = {
  id: "openhands",
  name: "OpenHands",
  vendor: "All Hands AI",
  homepage: "https://www.all-hands.dev",
  class: "coding-agent",
  identities: [
    {
      email: "openhands@all-hands.dev",
      strength: "strong",
      example: "Co-authored-by: openhands <openhands@all-hands.dev>",
    },
    { email: "openhands@openhands.dev", strength: "strong", example: "Co-authored-by: openhands <openhands@openhands.dev>" },
    { githubLogin: "openhands-agent", strength: "strong", example: "openhands-agent <openhands-agent@users.noreply.github.com>" },
  ],
  pullRequests: {
    authorLogins: [{ login: "openhands-agent", strength: "strong", example: "openhands-agent" }],
    branchPrefixes: [
      // The resolver's branch (openhands/resolver/send_pull_request.py), with "-try<k>" on retries.
      { prefix: "openhands-fix-issue-", strength: "strong", example: "openhands-fix-issue-42-try2" },
      { prefix: "openhands/", strength: "weak", example: "openhands/fix-issue-42" },
    ],
  },
  configPaths: [
    // Microagents (now "skills") and setup.sh: everything in the folder is OpenHands'.
    { path: ".openhands/", strength: "strong", example: ".openhands/microagents/repo.md" },
    { path: ".openhands_instructions", strength: "strong", example: ".openhands_instructions" },
    // Strong only with its text (the resolver action), which the detector does not read.
    { path: ".github/workflows/openhands-resolver.yml", strength: "weak", example: ".github/workflows/openhands-resolver.yml" },
  ],
  nearMisses: ["Co-authored-by: Ai Vong <ai.vong@openhands.dev>", "Co-authored-by: Graham <graham@all-hands.dev>"],
};
