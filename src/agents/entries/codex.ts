import type { AgentEntry } from "../entry.js";

export const codex: AgentEntry = {
  id: "codex",
  name: "OpenAI Codex",
  vendor: "OpenAI",
  homepage: "https://openai.com/codex",
  class: "coding-agent",
  identities: [
    {
      // noreply@openai.com is shared by other OpenAI automation: require the Codex name.
      email: "noreply@openai.com",
      nameMatches: /codex/i,
      strength: "strong",
      example: "Co-authored-by: Codex <noreply@openai.com>",
    },
    { email: "codex@openai.com", strength: "strong", example: "Co-authored-by: Codex <codex@openai.com>" },
    {
      githubLogin: "openai-codex[bot]",
      strength: "strong",
      example: "Co-authored-by: openai-codex[bot] <210520165+openai-codex[bot]@users.noreply.github.com>",
    },
    {
      githubLogin: "chatgpt-codex-connector[bot]",
      strength: "strong",
      example: "chatgpt-codex-connector[bot] <199175422+chatgpt-codex-connector[bot]@users.noreply.github.com>",
    },
  ],
  toolNames: [
    { id: "codex", value: /^(?:openai\s+)?codex\b/i, strength: "strong", example: "Assisted-by: OpenAI Codex" },
  ],
  links: [
    {
      // A Codex cloud task's pull request links its task; squash merges keep the link.
      id: "task",
      url: /chatgpt\.com\/codex\/tasks\/\w/i,
      strength: "strong",
      example: "https://chatgpt.com/codex/tasks/task_e_68a1b2c3d4e5f60718293a4b5c6d7e8f",
    },
  ],
  pullRequests: {
    authorLogins: [
      { login: "chatgpt-codex-connector[bot]", strength: "strong", example: "chatgpt-codex-connector[bot]" },
    ],
    branchPrefixes: [{ prefix: "codex/", strength: "weak", example: "codex/add-retry-to-fetcher" }],
  },
  configPaths: [
    { path: ".codex/", strength: "strong", example: ".codex/environments/environment.toml" },
    { path: ".github/codex/", strength: "strong", example: ".github/codex/prompts/review.md" },
  ],
  nearMisses: [
    "Co-authored-by: OpenAI <noreply@openai.com>",
    "Assisted-by: OpenAI GPT-5.5",
    "See https://chatgpt.com/codex for the product",
  ],
};
