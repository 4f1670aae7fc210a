import type { AgentEntry } from "../entry.js";

// Only its config file is known, from one third-party table: unverified, so weak.
export const firebender: AgentEntry = {
  id: "firebender",
  name: "Firebender",
  vendor: "Firebender",
  homepage: "https://firebender.com",
  class: "coding-agent",
  configPaths: [{ path: "firebender.json", strength: "weak", example: "firebender.json" }],
};
