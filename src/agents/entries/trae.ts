import type { AgentEntry } from "../entry.js";

export const trae: AgentEntry = {
  id: "trae",
  name: "Trae",
  vendor: "ByteDance",
  homepage: "https://www.trae.ai",
  class: "coding-agent",
  configPaths: [{ path: ".trae/rules/", strength: "strong", example: ".trae/rules/project_rules.md" }],
};
