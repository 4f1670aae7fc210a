import type { AgentEntry } from "../entry.js";

// Lovable (formerly GPT Engineer) commits to the user's GitHub repository through its apps.
export const lovable: AgentEntry = {
  id: "lovable",
  name: "Lovable",
  vendor: "Lovable",
  homepage: "https://lovable.dev",
  class: "coding-agent",
  identities: [
    {
      githubLogin: "gpt-engineer-app[bot]",
      strength: "strong",
      example: "gpt-engineer-app[bot] <159125892+gpt-engineer-app[bot]@users.noreply.github.com>",
    },
    // Its numeric id is quoted inconsistently: the login alone identifies it.
    { githubLogin: "lovable-dev[bot]", strength: "strong", example: "lovable-dev[bot] <lovable-dev[bot]@users.noreply.github.com>" },
    // The template's identity (author name "Lovable").
    { email: "noreply@lovable.dev", strength: "strong", example: "Lovable <noreply@lovable.dev>" },
  ],
  markers: [
    {
      // The first commit of a Lovable project.
      id: "skip-lovable",
      line: /^\[skip lovable\]/i,
      strength: "strong",
      example: "[skip lovable] Use tech stack vite_react_shadcn_ts",
    },
  ],
  pullRequests: {
    authorLogins: [
      { login: "gpt-engineer-app[bot]", strength: "strong", example: "gpt-engineer-app[bot]" },
      { login: "lovable-dev[bot]", strength: "strong", example: "lovable-dev[bot]" },
    ],
  },
  nearMisses: ["Make the landing page more lovable"],
};
