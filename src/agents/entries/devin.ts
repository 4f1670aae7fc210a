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
      needle: "generated with [devin]",
      line: /^generated with \[devin\]\(https?:\/\/(?:app\.)?devin\.ai/i,
      strength: "strong",
      example: "🤖 Generated with [Devin](https://devin.ai)",
    },
  ],
  pullRequests: {
    authorLogins: [{ login: "devin-ai-integration[bot]", strength: "strong", example: "devin-ai-integration[bot]" }],
    branchPrefixes: [{ prefix: "devin/", strength: "weak", example: "devin/1718000000-fix-login" }],
    bodyMarkers: [
      {
        needle: "link to devin run",
        line: /^link to devin run:?\s*https?:\/\/app\.devin\.ai\//i,
        strength: "strong",
        example: "Link to Devin run: https://app.devin.ai/sessions/0123456789abcdef",
      },
    ],
  },
  nearMisses: ["Co-authored-by: Devin Smith <devin.smith@example.com>", "Devin Jones <devin@example.org>"],
};
