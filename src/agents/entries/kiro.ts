import type { AgentEntry } from "../entry.js";

export const kiro: AgentEntry = {
  id: "kiro",
  name: "Kiro",
  vendor: "Amazon Web Services",
  homepage: "https://kiro.dev",
  class: "coding-agent",
  configPaths: [
    { path: ".kiro/steering/", strength: "strong", example: ".kiro/steering/tech.md" },
    { path: ".kiro/specs/", strength: "strong", example: ".kiro/specs/login/requirements.md" },
    { path: ".kiro/", strength: "strong", example: ".kiro/hooks/lint.kiro.hook" },
  ],
};
