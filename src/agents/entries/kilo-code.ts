import type { AgentEntry } from "../entry.js";

export const kiloCode: AgentEntry = {
  id: "kilo-code",
  name: "Kilo Code",
  vendor: "Kilo Code",
  homepage: "https://kilocode.ai",
  class: "coding-agent",
  configPaths: [
    { path: ".kilocode/", strength: "strong", example: ".kilocode/rules/formatting.md" },
    { path: ".kilocodemodes", strength: "strong", example: ".kilocodemodes" },
  ],
};
