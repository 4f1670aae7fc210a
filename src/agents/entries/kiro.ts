import type { AgentEntry } from "../entry.js";

export const kiro: AgentEntry = {
  id: "kiro",
  name: "Kiro",
  vendor: "Amazon Web Services",
  homepage: "https://kiro.dev",
  class: "coding-agent",
  identities: [
    {
      // Kiro's autonomous agent commits as "Kiro Agent" (seen in public project records, not in Kiro's docs).
      githubLogin: "kiro-agent",
      strength: "strong",
      example: "Kiro Agent <244629292+kiro-agent@users.noreply.github.com>",
    },
    { githubLogin: "kiro-agent[bot]", strength: "strong", example: "kiro-agent[bot] <kiro-agent[bot]@users.noreply.github.com>" },
    // No documented co-author trailer: these are people's conventions, hints only.
    { email: "noreply@kiro.dev", strength: "weak", example: "Co-Authored-By: Kiro <noreply@kiro.dev>" },
    { email: "kiro@kiro.dev", strength: "weak", example: "Co-authored-by: Kiro <kiro@kiro.dev>" },
    { email: "kiro@amazon.com", strength: "weak", example: "Co-authored-by: Kiro <kiro@amazon.com>" },
  ],
  pullRequests: {
    branchPrefixes: [{ prefix: "kiro/", strength: "weak", example: "kiro/add-steering-docs" }],
  },
  configPaths: [
    { path: ".kiro/steering/", strength: "strong", example: ".kiro/steering/tech.md" },
    { path: ".kiro/specs/", strength: "strong", example: ".kiro/specs/login/requirements.md" },
    // Hooks, settings/mcp.json and the rest of Kiro's folder.
    { path: ".kiro/", strength: "strong", example: ".kiro/hooks/lint.kiro.hook" },
    { path: ".kiroignore", strength: "weak", example: ".kiroignore" },
  ],
  nearMisses: ["Co-authored-by: Kiro Tanaka <kiro.tanaka@example.com>"],
};
