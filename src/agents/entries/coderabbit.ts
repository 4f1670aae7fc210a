import type { AgentEntry } from "../entry.js";

// A review assistant: its account co-authors a commit when a person applies its suggestion.
export const coderabbit: AgentEntry = {
  id: "coderabbit",
  name: "CodeRabbit",
  vendor: "CodeRabbit",
  homepage: "https://www.coderabbit.ai",
  class: "review-assistant",
  identities: [
    {
      githubLogin: "coderabbitai[bot]",
      strength: "strong",
      example: "Co-authored-by: coderabbitai[bot] <136622811+coderabbitai[bot]@users.noreply.github.com>",
    },
  ],
  configPaths: [{ path: ".coderabbit.yaml", strength: "strong", example: ".coderabbit.yaml" }],
};
