import type { AgentEntry } from "../entry.js";

// Qoder leaves no known commit trace; its rule, command and skill folders show it.
export const qoder: AgentEntry = {
  id: "qoder",
  name: "Qoder",
  vendor: "Alibaba",
  homepage: "https://qoder.com",
  class: "coding-agent",
  configPaths: [
    { path: ".qoder/rules/", strength: "strong", example: ".qoder/rules/project.md" },
    { path: ".qoder/commands/", strength: "strong", example: ".qoder/commands/review.md" },
    { path: ".qoder/skills/", strength: "strong", example: ".qoder/skills/release/SKILL.md" },
  ],
};
