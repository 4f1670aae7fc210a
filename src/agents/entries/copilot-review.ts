import type { AgentEntry } from "../entry.js";

export const copilotReview: AgentEntry = {
  id: "copilot-review",
  name: "Copilot code review and Autofix",
  vendor: "GitHub",
  homepage: "https://docs.github.com/en/copilot/concepts/agents/code-review",
  class: "review-assistant",
  identities: [
    {
      // Signs review suggestions a person applied ("Apply suggestion from @Copilot") and
      // "Copilot Autofix powered by AI".
      githubUserId: 175728472,
      strength: "strong",
      example: "Co-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>",
    },
    {
      // Copilot Autofix (code scanning) also signs as github-advanced-security[bot].
      githubLogin: "github-advanced-security[bot]",
      strength: "strong",
      example:
        "Co-authored-by: Copilot Autofix powered by AI <62310815+github-advanced-security[bot]@users.noreply.github.com>",
    },
    {
      // The code review app's own account.
      githubLogin: "copilot-pull-request-reviewer[bot]",
      strength: "strong",
      example: "copilot-pull-request-reviewer[bot] <copilot-pull-request-reviewer[bot]@users.noreply.github.com>",
    },
  ],
  nearMisses: ["Co-authored-by: Copilot <198982749+Copilot@users.noreply.github.com>"],
};
