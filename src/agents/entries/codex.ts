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
      nameStartsWith: "codex",
      strength: "strong",
      example: "Co-authored-by: Codex <noreply@openai.com>",
    },
    { email: "codex@openai.com", strength: "strong", example: "Co-authored-by: Codex <codex@openai.com>" },
    {
      githubLogin: "chatgpt-codex-connector[bot]",
      strength: "strong",
      example: "chatgpt-codex-connector[bot] <199175422+chatgpt-codex-connector[bot]@users.noreply.github.com>",
    },
  ],
  pullRequests: {
    authorLogins: [
      { login: "chatgpt-codex-connector[bot]", strength: "strong", example: "chatgpt-codex-connector[bot]" },
    ],
    branchPrefixes: [{ prefix: "codex/", strength: "weak", example: "codex/add-retry-to-fetcher" }],
  },
  configPaths: [{ path: ".codex/", strength: "strong", example: ".codex/environments/environment.toml" }],
  nearMisses: ["Co-authored-by: OpenAI <noreply@openai.com>"],
};
