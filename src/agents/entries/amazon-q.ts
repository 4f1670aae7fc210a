import type { AgentEntry } from "../entry.js";

export const amazonQ: AgentEntry = {
  id: "amazon-q",
  name: "Amazon Q Developer",
  vendor: "Amazon Web Services",
  homepage: "https://aws.amazon.com/q/developer/",
  class: "coding-agent",
  identities: [
    {
      // The app authors the /q dev agent's commits; it also reviews, and a person applying one of
      // its review suggestions makes it a co-author, so only the author and committer roles count.
      githubLogin: "amazon-q-developer[bot]",
      roles: ["author", "committer"],
      strength: "strong",
      example: "amazon-q-developer[bot] <208079219+amazon-q-developer[bot]@users.noreply.github.com>",
    },
  ],
  pullRequests: {
    authorLogins: [{ login: "amazon-q-developer[bot]", strength: "strong", example: "amazon-q-developer[bot]" }],
    // Reported in public notes only: unverified.
    branchPrefixes: [{ prefix: "q/", strength: "weak", example: "q/executor-1234" }],
  },
  configPaths: [
    { path: ".amazonq/rules/", strength: "strong", example: ".amazonq/rules/python.md" },
    // mcp.json, cli-agents/ and the rest of Amazon Q's folder.
    { path: ".amazonq/", strength: "strong", example: ".amazonq/mcp.json" },
  ],
};
