import type { AgentEntry } from "../entry.js";

export const opencode: AgentEntry = {
  id: "opencode",
  name: "opencode",
  vendor: "SST / Anomaly",
  homepage: "https://opencode.ai",
  class: "coding-agent",
  identities: [
    { emailDomain: "opencode.ai", strength: "strong", example: "Co-Authored-By: opencode <noreply@opencode.ai>" },
    {
      githubLogin: "opencode-agent[bot]",
      strength: "strong",
      example: "opencode-agent[bot] <219766164+opencode-agent[bot]@users.noreply.github.com>",
    },
  ],
  toolNames: [
    {
      // "Co-Authored-By: opencode https://opencode.ai" (no address), and Assisted-by forms.
      id: "opencode",
      value: /^opencode\b/i,
      strength: "strong",
      example: "Co-Authored-By: opencode https://opencode.ai",
    },
  ],
  markers: [
    {
      id: "generated-with",
      line: /^generated with \[?opencode\]?(?:\(https?:\/\/(?:www\.)?opencode\.ai[^\s)]*\))?\s*$/i,
      strength: "strong",
      example: "🤖 Generated with [opencode](https://opencode.ai)",
    },
  ],
  pullRequests: {
    authorLogins: [{ login: "opencode-agent[bot]", strength: "strong", example: "opencode-agent[bot]" }],
  },
  configPaths: [
    { path: "opencode.json", strength: "strong", example: "opencode.json" },
    { path: "opencode.jsonc", strength: "strong", example: "opencode.jsonc" },
    { path: ".opencode/", strength: "strong", example: ".opencode/agent/review.md" },
    // The GitHub action's workflow: strong only with its text (uses: sst/opencode/github@…), not read.
    { path: ".github/workflows/opencode.yml", strength: "weak", example: ".github/workflows/opencode.yml" },
  ],
  nearMisses: ["opensafely-core/opencodelists"],
};
