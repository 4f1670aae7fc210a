import type { AgentEntry } from "../entry.js";

// No commit trace is known: only its rule, workflow and skill folders show it.
export const antigravity: AgentEntry = {
  id: "antigravity",
  name: "Google Antigravity",
  vendor: "Google",
  homepage: "https://antigravity.google",
  class: "coding-agent",
  configPaths: [
    // Antigravity 1.x: .agent/ (singular).
    { path: ".agent/rules/", strength: "strong", example: ".agent/rules/style.md" },
    { path: ".agent/workflows/", strength: "strong", example: ".agent/workflows/release.md" },
    { path: ".agent/skills/", strength: "strong", example: ".agent/skills/review/SKILL.md" },
    // Antigravity 2.0's native layout; .agents/skills/ is the cross-agent convention (agents-md).
    { path: ".agents/rules/", strength: "strong", example: ".agents/rules/style.md" },
    { path: ".agents/workflows/", strength: "strong", example: ".agents/workflows/release.md" },
  ],
};
