import type { AgentEntry } from "../entry.js";

export const cline: AgentEntry = {
  id: "cline",
  name: "Cline",
  vendor: "Cline",
  homepage: "https://cline.bot",
  class: "coding-agent",
  identities: [
    {
      // Cline's cloud agent and its GitHub apps (cline/cline's history).
      githubLogin: "cline-cloud[bot]",
      strength: "strong",
      example: "cline-cloud[bot] <276134852+cline-cloud[bot]@users.noreply.github.com>",
    },
    { githubLogin: "cline[bot]", strength: "strong", example: "Co-authored-by: cline[bot] <194843201+cline[bot]@users.noreply.github.com>" },
    {
      // The agent's co-author identity, both spellings ("cline-agent", "cline-cloud-agent").
      githubLogin: "cline-agent",
      strength: "strong",
      example: "Co-authored-by: Cline Agent <cline-agent@users.noreply.github.com>",
    },
    { githubLogin: "cline-cloud-agent", strength: "strong", example: "Co-authored-by: Cline <cline-cloud-agent@users.noreply.github.com>" },
  ],
  pullRequests: {
    authorLogins: [
      { login: "cline[bot]", strength: "strong", example: "cline[bot]" },
      { login: "cline-cloud[bot]", strength: "strong", example: "cline-cloud[bot]" },
    ],
  },
  configPaths: [
    { path: ".clinerules", strength: "strong", example: ".clinerules" },
    { path: ".clinerules/", strength: "strong", example: ".clinerules/workflows/release.md" },
    { path: ".clineignore", strength: "weak", example: ".clineignore" },
  ],
  nearMisses: [
    "Co-authored-by: Cline Evaluation <cline@example.com>",
    "Co-authored-by: Aiden Cline <aiden.cline@example.com>",
    // Cline's staff: a vendor domain is people, not the agent.
    "Co-authored-by: Cline Team <team@cline.bot>",
  ],
};
