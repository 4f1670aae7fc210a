import type { AgentEntry } from "../entry.js";

// A review assistant: its account co-authors a commit when a person applies its suggestion.
export const sourcery: AgentEntry = {
  id: "sourcery",
  name: "Sourcery",
  vendor: "Sourcery",
  homepage: "https://sourcery.ai",
  class: "review-assistant",
  identities: [
    {
      githubLogin: "sourcery-ai[bot]",
      strength: "strong",
      example: "Co-authored-by: sourcery-ai[bot] <58596630+sourcery-ai[bot]@users.noreply.github.com>",
    },
  ],
};
