import type { AgentEntry } from "../entry.js";

export const cursor: AgentEntry = {
  id: "cursor",
  name: "Cursor Agent",
  vendor: "Anysphere",
  homepage: "https://cursor.com",
  class: "coding-agent",
  identities: [
    {
      // Cursor's cloud/background agents commit and co-author as this identity.
      email: "cursoragent@cursor.com",
      strength: "strong",
      example: "Co-authored-by: Cursor Agent <cursoragent@cursor.com>",
    },
    {
      // cursor[bot] is mostly Bugbot, the review bot: it may or may not be the agent.
      githubLogin: "cursor[bot]",
      strength: "weak",
      example: "Co-authored-by: cursor[bot] <206951365+cursor[bot]@users.noreply.github.com>",
    },
  ],
  markers: [
    {
      // Cursor's IDE adds it to commit messages it drafts; a person may have written the change.
      needle: "made with cursor",
      line: /^made with cursor\s*$/i,
      strength: "weak",
      example: "Made with Cursor",
    },
  ],
  pullRequests: {
    branchPrefixes: [{ prefix: "cursor/", strength: "weak", example: "cursor/fix-flaky-test-3a1f" }],
  },
  configPaths: [
    { path: ".cursorrules", strength: "strong", example: ".cursorrules" },
    { path: ".cursor/rules/", strength: "strong", example: ".cursor/rules/typescript.mdc" },
    { path: ".cursor/environment.json", strength: "strong", example: ".cursor/environment.json" },
    { path: ".cursorignore", strength: "weak", example: ".cursorignore" },
  ],
  nearMisses: ["Co-authored-by: Cursor Smith <cursor.smith@example.com>"],
};
