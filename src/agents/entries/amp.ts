import type { AgentEntry } from "../entry.js";

export const amp: AgentEntry = {
  id: "amp",
  name: "Amp",
  vendor: "Sourcegraph / Amp",
  homepage: "https://ampcode.com",
  class: "coding-agent",
  identities: [{ email: "amp@ampcode.com", strength: "strong", example: "Co-authored-by: Amp <amp@ampcode.com>" }],
  trailers: [
    { key: "Amp-Thread", value: /^https:\/\/ampcode\.com\/threads\//i, strength: "strong", example: "Amp-Thread: https://ampcode.com/threads/T-0f3a2c1d-4b5e-4f60-9a7b-8c9d0e1f2a3b" },
    {
      key: "Amp-Thread-ID",
      strength: "strong",
      example: "Amp-Thread-ID: https://ampcode.com/threads/T-0f3a2c1d-4b5e-4f60-9a7b-8c9d0e1f2a3b",
    },
  ],
  markers: [
    {
      id: "generated-with",
      line: /^generated with \[amp\]\(https?:\/\/(?:www\.)?ampcode\.com/i,
      strength: "strong",
      example: "🤖 Generated with [Amp](https://ampcode.com)",
    },
  ],
  links: [
    {
      // Amp's thread link: its trailer, and the AI-disclosure links people paste into messages.
      id: "thread",
      url: /ampcode\.com\/threads\/T-[\w-]/i,
      strength: "strong",
      example: "Amp thread: https://ampcode.com/threads/T-0f3a2c1d-4b5e-4f60-9a7b-8c9d0e1f2a3b",
    },
  ],
  configPaths: [
    // Amp's older file name; AGENT.md is also used loosely by others.
    { path: "AGENT.md", anyDepth: true, strength: "weak", example: "AGENT.md" },
  ],
  // ampcode.com is Amp's company domain (its staff have addresses there): only amp@ is the agent.
  nearMisses: ["Use an amp to drive the speaker", "See https://ampcode.com/manual", "Fix the &amp; escaping in titles"],
};
