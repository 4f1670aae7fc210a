import type { AgentEntry } from "../entry.js";

export const agentsMd: AgentEntry = {
  id: "agents-md",
  name: "AGENTS.md",
  vendor: "cross-agent convention (Codex, Jules, Amp, Cursor, Copilot, …)",
  homepage: "https://agents.md",
  class: "coding-agent",
  convention: true,
  configPaths: [{ path: "AGENTS.md", anyDepth: true, strength: "strong", example: "sdk/AGENTS.md" }],
};
