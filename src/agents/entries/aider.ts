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
    { path: ".aider.model.settings.yml", strength: "strong", example: ".aider.model.settings.yml" },
    { path: ".aider.model.metadata.json", strength: "strong", example: ".aider.model.metadata.json" },
    // aider's local artifacts, sometimes committed: only aider writes them.
    { path: ".aider.chat.history.md", strength: "strong", example: ".aider.chat.history.md" },
    { path: ".aider.input.history", strength: "strong", example: ".aider.input.history" },
    // The repo map's tag cache, one folder per cache version (v3; v4 with tree-sitter-language-pack).
    { path: ".aider.tags.cache.v3/", strength: "strong", example: ".aider.tags.cache.v3/cache.db" },
    { path: ".aider.tags.cache.v4/", strength: "strong", example: ".aider.tags.cache.v4/cache.db" },
    // The reference grades it strong; the shared corpus's label rules list it as weak (ignore files).
    { path: ".aiderignore", strength: "weak", example: ".aiderignore" },
    { path: "CONVENTIONS.md", strength: "weak", example: "CONVENTIONS.md" },
  ],
  nearMisses: [
    "feat: add co-authored-by commit attribution for aider",
    "Paul Gauthier <paul@aider.chat>",
    // A model name in parentheses is not aider's suffix; a docs page is not the conventions file.
    "Jane Doe (claude-sonnet-4-20250514) <jane@example.com>",
    "aider/website/docs/usage/conventions.md",
  ],
};
