import type { AgentEntry } from "../entry.js";

export const zed: AgentEntry = {
  id: "zed",
  name: "Zed agent",
  vendor: "Zed Industries",
  homepage: "https://zed.dev/agentic",
  class: "coding-agent",
  // Two code-search hits in one audit: unverified.
  identities: [{ email: "agent@zed.dev", strength: "weak", example: "Co-authored-by: Zed <agent@zed.dev>" }],
  // ".rules" is a generic name other tools use too, hence weak.
  configPaths: [{ path: ".rules", strength: "weak", example: ".rules" }],
};
