import type { AgentEntry } from "../entry.js";

export const aider: AgentEntry = {
  id: "aider",
  name: "aider",
  vendor: "Aider AI",
  homepage: "https://aider.chat",
  class: "coding-agent",
  identities: [
    {
      // aider's default: the user's own name suffixed " (aider)" as author and committer.
      nameSuffix: " (aider)",
      roles: ["author", "committer"],
      strength: "strong",
      example: "Paul Gauthier (aider) <paul@aider.chat>",
    },
    {
      emailDomain: "aider.chat",
      nameMatches: /^\s*aider\b/i,
      roles: ["co-author"],
      strength: "strong",
      example: "Co-authored-by: aider (gemini/gemini-2.5-pro) <aider@aider.chat>",
    },
    {
      email: "noreply@aider.dev",
      roles: ["co-author"],
      strength: "strong",
      example: "Co-authored-by: aider (vertex_ai/gemini-2.5-pro-exp-03-25) <noreply@aider.dev>",
    },
  ],
  markers: [
    {
      id: "subject-prefix",
      line: /^aider: \S/,
      firstLineOnly: true,
      strength: "strong",
      example: "aider: fix: Use correct token type for markdown",
    },
  ],
  configPaths: [
    { path: ".aider.conf.yml", strength: "strong", example: ".aider.conf.yml" },
    { path: ".aiderignore", strength: "strong", example: ".aiderignore" },
    { path: "CONVENTIONS.md", strength: "weak", example: "CONVENTIONS.md" },
  ],
  nearMisses: [
    "feat: add co-authored-by commit attribution for aider",
    "Paul Gauthier <paul@aider.chat>",
  ],
};
