import type { AgentEntry } from "../entry.js";

// Files every agent of a kind reads: proof that agents are used here, not of which one.
export const agentsMd: AgentEntry = {
  id: "agents-md",
  name: "AGENTS.md",
  vendor: "cross-agent convention (Codex, Jules, Amp, Cursor, Copilot, …)",
  homepage: "https://agents.md",
  class: "coding-agent",
  convention: true,
  configPaths: [
    { path: "AGENTS.md", anyDepth: true, strength: "strong", example: "sdk/AGENTS.md" },
    // Codex's repo-local override layer; the shared corpus labels it with AGENTS.md.
    { path: "AGENTS.override.md", anyDepth: true, strength: "strong", example: "AGENTS.override.md" },
    // Ruler distributes one rule set to many agents (and git-ignores the files it generates).
    { path: ".ruler/", strength: "strong", example: ".ruler/ruler.toml" },
    // Agent Skills (agentskills.io), read by Codex, Amp, Goose, OpenHands and others. The reference
    // grades it strong for "an agent is used here"; the shared corpus's label rules do not list it
    // (cline and crush hold some, unlabelled), so it stays weak until the rules do.
    { path: ".agents/skills/", fileSuffix: "SKILL.md", strength: "weak", example: ".agents/skills/cline-sdk/SKILL.md" },
  ],
  nearMisses: ["docs/agents.md", "website/agents.md"],
};
