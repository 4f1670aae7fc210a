import type { AgentEntry } from "../entry.js";

export const warp: AgentEntry = {
  id: "warp",
  name: "Warp (agent mode / Oz)",
  vendor: "Warp",
  homepage: "https://www.warp.dev",
  class: "coding-agent",
  // The agent's own address at warp.dev (Warp's staff have addresses there too: only this one counts).
  identities: [{ email: "agent@warp.dev", strength: "strong", example: "Co-Authored-By: Warp <agent@warp.dev>" }],
  configPaths: [
    { path: "WARP.md", strength: "strong", example: "WARP.md" },
    // Named by cross-tool tables only: unverified.
    { path: ".warp/rules/", strength: "weak", example: ".warp/rules/style.md" },
  ],
  nearMisses: ["Fix the warp scheduler's occupancy", "Co-authored-by: Jane <jane@warp.dev>"],
};
