import type { AgentEntry } from "../entry.js";

export const v0: AgentEntry = {
  id: "v0",
  name: "v0",
  vendor: "Vercel",
  homepage: "https://v0.app",
  class: "coding-agent",
  identities: [
    {
      // v0's sandbox commits as v0[bot], in the id-less noreply form.
      githubLogin: "v0[bot]",
      strength: "strong",
      example: "Co-authored-by: v0[bot] <v0[bot]@users.noreply.github.com>",
    },
    // An audit's code-search hits, not a documented identity: unverified.
    { email: "v0@vercel.com", strength: "weak", example: "Co-authored-by: v0 <v0@vercel.com>" },
  ],
  nearMisses: ["Release v0.3.1", "Co-authored-by: Jane <jane@vercel.com>"],
};
