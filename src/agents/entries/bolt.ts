import type { AgentEntry } from "../entry.js";

// Bolt.new leaves its prompt and settings in .bolt/; no commit identity is verified.
export const bolt: AgentEntry = {
  id: "bolt",
  name: "Bolt.new",
  vendor: "StackBlitz",
  homepage: "https://bolt.new",
  class: "coding-agent",
  identities: [
    // Named by one catalog only: unverified.
    {
      githubLogin: "bolt-new-by-stackblitz[bot]",
      strength: "weak",
      example: "bolt-new-by-stackblitz[bot] <bolt-new-by-stackblitz[bot]@users.noreply.github.com>",
    },
    { email: "noreply@bolt.new", strength: "weak", example: "Co-authored-by: Bolt <noreply@bolt.new>" },
  ],
  configPaths: [
    { path: ".bolt/prompt", strength: "strong", example: ".bolt/prompt" },
    { path: ".bolt/ignore", strength: "strong", example: ".bolt/ignore" },
    { path: ".bolt/config.json", strength: "strong", example: ".bolt/config.json" },
  ],
  nearMisses: ["Bolt the bracket to the frame"],
};
