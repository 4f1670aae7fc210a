import type { AgentEntry } from "../entry.js";

export const junie: AgentEntry = {
  id: "junie",
  name: "Junie",
  vendor: "JetBrains",
  homepage: "https://www.jetbrains.com/junie/",
  class: "coding-agent",
  configPaths: [{ path: ".junie/", strength: "strong", example: ".junie/guidelines.md" }],
};
