import type { AgentEntry } from "../entry.js";

export const devin: AgentEntry = {
  id: "devin",
  name: "Devin",
  vendor: "Cognition",
  homepage: "https://devin.ai",
  class: "coding-agent",
  identities: [
    {
      githubLogin: "devin-ai-integration[bot]",
      strength: "strong",
      example:
        "Co-Authored-By: Devin <158243242+devin-ai-integration[bot]@users.noreply.github.com>",
    },
    {
      githubUserId: 158243242,
      strength: "strong",
      example: "devin-ai-integration[bot] <158243242+devin-ai-integration[bot]@users.noreply.github.com>",
    },
  ],
  markers: [
    {
      id: "generated-with",
      line: /^generated (?:with \[devin\]\(https?:\/\/(?:app\.)?devin\.ai|by devin\b)/i,
      strength: "strong",
      example: "🤖 Generated with [Devin](https://devin.ai)",
    },
  ],
  links: [
    {
      // "Link to Devin run: https://app.devin.ai/sessions/…" in pull requests, kept by squash merges.
      id: "session",
      url: /app\.devin\.ai\/(?:sessions|desktop)\/\w/i,
      strength: "strong",
      example: "Link to Devin run: https://app.devin.ai/sessions/0123456789abcdef0123456789abcdef",
    },
  ],
  pullRequests: {
    authorLogins: [{ login: "devin-ai-integration[bot]", strength: "strong", example: "devin-ai-integration[bot]" }],
    branchPrefixes: [{ prefix: "devin/", strength: "weak", example: "devin/1718000000-fix-login" }],
  },
  nearMisses: [
    "Cleanup after recent Devin PRs",
    "See https://devin.ai for the product",
    "Co-authored-by: Devin Smith <devin.smith@example.com>",
    "Devin Jones <devin@example.org>",
  ],
};
