import type { AgentEntry } from "../entry.js";

export const windsurf: AgentEntry = {
  id: "windsurf",
  name: "Windsurf Cascade",
  vendor: "Windsurf (Cognition)",
  homepage: "https://windsurf.com",
  class: "coding-agent",
  configPaths: [
    { path: ".windsurfrules", strength: "strong", example: ".windsurfrules" },
    { path: ".windsurf/rules/", strength: "strong", example: ".windsurf/rules/testing.md" },
    { path: ".windsurf/workflows/", strength: "strong", example: ".windsurf/workflows/release.md" },
  ],
};
