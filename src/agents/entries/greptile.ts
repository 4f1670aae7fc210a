import type { AgentEntry } from "../entry.js";

// A review assistant: its account co-authors a commit when a person applies its suggestion.
export const greptile: AgentEntry = {
  id: "greptile",
  name: "Greptile",
  vendor: "Greptile",
  homepage: "https://www.greptile.com",
  class: "review-assistant",
  identities: [
    {
      githubLogin: "greptile-apps[bot]",
      strength: "strong",
      example: "Co-authored-by: greptile-apps[bot] <165735046+greptile-apps[bot]@users.noreply.github.com>",
    },
  ],
};
