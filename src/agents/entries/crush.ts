import type { AgentEntry } from "../entry.js";

export const crush: AgentEntry = {
  id: "crush",
  name: "Crush",
  vendor: "Charm",
  homepage: "https://github.com/charmbracelet/crush",
  class: "coding-agent",
  identities: [
    {
      email: "crush@charm.land",
      strength: "strong",
      example: "Co-Authored-By: Crush <crush@charm.land>",
    },
    // The earlier address (charmbracelet/crush history, mid-2025).
    { email: "noreply@crush.charm.land", strength: "strong", example: "Co-Authored-By: Crush <noreply@crush.charm.land>" },
  ],
  toolNames: [
    {
      // "Assisted-by: Crush:glm-5.2" (its default trailer), "Assisted-by: GLM-5.1 via Crush <…>".
      id: "crush",
      value: /^(?:charm\s+)?crush\b|\bvia crush\b/i,
      strength: "strong",
      example: "Assisted-by: Crush:glm-5.2",
    },
  ],
  markers: [
    {
      id: "generated-with",
      line: /^generated with crush\s*$/i,
      strength: "strong",
      example: "💘 Generated with Crush",
    },
  ],
  nearMisses: ["Assisted-by: crushed ice", "fix: crush the memory leak"],
  configPaths: [
    { path: "CRUSH.md", anyDepth: true, strength: "strong", example: "CRUSH.md" },
    { path: ".crush.json", strength: "strong", example: ".crush.json" },
    { path: "crush.json", strength: "strong", example: "crush.json" },
    { path: ".crush/", strength: "strong", example: ".crush/crush.db" },
  ],
};
