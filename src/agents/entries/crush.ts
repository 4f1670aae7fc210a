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
  ],
  markers: [
    {
      needle: "generated with crush",
      line: /^generated with crush\s*$/i,
      strength: "strong",
      example: "💘 Generated with Crush",
    },
  ],
  configPaths: [
    { path: "CRUSH.md", anyDepth: true, strength: "strong", example: "CRUSH.md" },
    { path: ".crush.json", strength: "strong", example: ".crush.json" },
  ],
};
