import type { AgentEntry } from "../entry.js";

export const zed: AgentEntry = {
  id: "zed",
  name: "Zed agent",
  vendor: "Zed Industries",
  homepage: "https://zed.dev/agentic",
  class: "coding-agent",
  // ".rules" is a generic name other tools use too, hence weak.
  configPaths: [{ path: ".rules", strength: "weak", example: ".rules" }],
};
