import type { AgentEntry } from "../entry.js";

export const junie: AgentEntry = {
  id: "junie",
  name: "Junie",
  vendor: "JetBrains",
  homepage: "https://www.jetbrains.com/junie/",
  class: "coding-agent",
  identities: [
    {
      // Junie's GitHub app opens its pull requests ("Initialize JetBrains Junie 🚀") and commits in them.
      githubLogin: "jetbrains-junie[bot]",
      strength: "strong",
      example: "jetbrains-junie[bot] <jetbrains-junie[bot]@users.noreply.github.com>",
    },
  ],
  pullRequests: {
    authorLogins: [{ login: "jetbrains-junie[bot]", strength: "strong", example: "jetbrains-junie[bot]" }],
  },
  // guidelines.md, AGENTS.md, mcp/mcp.json, skills/: everything in .junie/ is Junie's.
  configPaths: [{ path: ".junie/", strength: "strong", example: ".junie/guidelines.md" }],
};
