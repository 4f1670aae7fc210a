import type { AgentEntry } from "../entry.js";

export const windsurf: AgentEntry = {
  id: "windsurf",
  name: "Windsurf Cascade",
  vendor: "Windsurf (Cognition)",
  homepage: "https://windsurf.com",
  class: "coding-agent",
  identities: [
    // No documented trailer: these addresses appear only in test lists, so they are hints.
    { email: "noreply@codeium.com", strength: "weak", example: "Windsurf <noreply@codeium.com>" },
    { email: "noreply@windsurf.com", strength: "weak", example: "Windsurf <noreply@windsurf.com>" },
    {
      // Windsurf's review bot: a person applied its suggestion.
      githubLogin: "windsurf-bot[bot]",
      strength: "weak",
      example: "windsurf-bot[bot] <189301087+windsurf-bot[bot]@users.noreply.github.com>",
    },
  ],
  configPaths: [
    { path: ".windsurfrules", strength: "strong", example: ".windsurfrules" },
    { path: ".windsurf/rules/", strength: "strong", example: ".windsurf/rules/testing.md" },
    { path: ".windsurf/workflows/", strength: "strong", example: ".windsurf/workflows/release.md" },
    // The rest of the folder: skills, mcp_config.json.
    { path: ".windsurf/", strength: "strong", example: ".windsurf/mcp_config.json" },
  ],
};
