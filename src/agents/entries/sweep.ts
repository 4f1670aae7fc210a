import type { AgentEntry } from "../entry.js";

export const sweep: AgentEntry = {
  id: "sweep",
  name: "Sweep",
  vendor: "Sweep AI",
  homepage: "https://sweep.dev",
  class: "coding-agent",
  identities: [
    {
      githubLogin: "sweep-ai[bot]",
      strength: "strong",
      example: "sweep-ai[bot] <128439645+sweep-ai[bot]@users.noreply.github.com>",
    },
  ],
  pullRequests: {
    authorLogins: [{ login: "sweep-ai[bot]", strength: "strong", example: "sweep-ai[bot]" }],
    branchPrefixes: [{ prefix: "sweep/", strength: "weak", example: "sweep/add-type-hints" }],
  },
  // A generic name, and unverified as Sweep's: weak.
  configPaths: [{ path: "sweep.yaml", strength: "weak", example: "sweep.yaml" }],
  nearMisses: ["Sweep unused imports from the parser"],
};
