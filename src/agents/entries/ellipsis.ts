import type { AgentEntry } from "../entry.js";

// A review assistant: its account co-authors a commit when a person applies its suggestion.
export const ellipsis: AgentEntry = {
  id: "ellipsis",
  name: "Ellipsis",
  vendor: "Ellipsis",
  homepage: "https://www.ellipsis.dev",
  class: "review-assistant",
  identities: [
    {
      githubLogin: "ellipsis-dev[bot]",
      strength: "strong",
      example: "Co-authored-by: ellipsis-dev[bot] <65095814+ellipsis-dev[bot]@users.noreply.github.com>",
    },
  ],
};
