import type { AgentEntry } from "../entry.js";

// Firebase Studio (formerly Project IDX): Gemini's rules for the workspace live in .idx/.
export const firebaseStudio: AgentEntry = {
  id: "firebase-studio",
  name: "Firebase Studio (Gemini in IDX)",
  vendor: "Google",
  homepage: "https://firebase.studio",
  class: "coding-agent",
  configPaths: [
    { path: ".idx/airules.md", strength: "strong", example: ".idx/airules.md" },
    // MCP servers for the workspace: MCP use, not the agent.
    { path: ".idx/mcp.json", strength: "weak", example: ".idx/mcp.json" },
  ],
};
