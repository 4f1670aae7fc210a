import type { AgentEntry } from "../entry.js";

export const cline: AgentEntry = {
  id: "cline",
  name: "Cline",
  vendor: "Cline",
  homepage: "https://cline.bot",
  class: "coding-agent",
  identities: [
    {
      // Cline adds no trailer by default; these identities appear in Cline's own history but
      // are not documented as agent attribution, so they only raise the upper bound.
      githubLogin: "cline-cloud[bot]",
      strength: "weak",
      example: "cline-cloud[bot] <276134852+cline-cloud[bot]@users.noreply.github.com>",
    },
    {
      email: "cline-agent@users.noreply.github.com",
      strength: "weak",
      example: "Co-authored-by: Cline Agent <cline-agent@users.noreply.github.com>",
    },
  ],
  configPaths: [
    { path: ".clinerules", strength: "strong", example: ".clinerules" },
    { path: ".clinerules/", strength: "strong", example: ".clinerules/workflows/release.md" },
    { path: ".clineignore", strength: "weak", example: ".clineignore" },
  ],
  nearMisses: ["Co-authored-by: Cline Evaluation <cline@example.com>"],
};
