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
      // The cloud agent's GitHub app.
      githubLogin: "cursoragent[bot]",
      strength: "strong",
      example: "Co-authored-by: Cursor Agent <199161495+cursoragent@users.noreply.github.com>",
    },
    {
      // cursor[bot] is mostly Bugbot, the review bot: it may or may not be the agent.
      githubLogin: "cursor[bot]",
      strength: "weak",
      example: "Co-authored-by: cursor[bot] <206951365+cursor[bot]@users.noreply.github.com>",
    },
  ],
  trailers: [
    // Cursor's agent (CLI and IDE) writes this trailer into the commits it makes.
    { key: "Made-with", value: /^cursor\b/i, strength: "strong", example: "Made-with: Cursor" },
  ],
  markers: [
    {
      // The agent's footer in commits and pull requests, with its link.
      id: "made-with-link",
      line: /^(?:made|generated) with \[cursor\]\(https?:\/\/(?:www\.)?cursor\.com[^\s)]*\)/i,
      strength: "strong",
      example: "Made with [Cursor](https://cursor.com)",
    },
    {
      // Without the link: Cursor's IDE adds it to messages it drafts; a person may have written the change.
      id: "made-with",
      line: /^made with cursor\s*$/i,
      strength: "weak",
      example: "Made with Cursor",
    },
  ],
  links: [
    {
      // Cloud / background agent runs: cursor.com/agents?id=bc-…, /agents/bc-…, /background-agent?bcId=bc-….
      id: "background-agent",
      url: /cursor\.com\/(?:agents\?id=bc-|agents\/bc-|background-agent\?bcId=bc-)[\w-]/i,
      strength: "strong",
      example: "[Open in Cursor](https://cursor.com/background-agent?bcId=bc-4f0a9e2c-1b2d-4c3e-8f9a-0b1c2d3e4f5a)",
    },
  ],
  pullRequests: {
    branchPrefixes: [{ prefix: "cursor/", strength: "weak", example: "cursor/fix-flaky-test-3a1f" }],
  },
  configPaths: [
    { path: ".cursorrules", strength: "strong", example: ".cursorrules" },
    // Rules, environment, MCP servers, hooks, commands: everything in .cursor/ is Cursor's.
    { path: ".cursor/", strength: "strong", example: ".cursor/hooks.json" },
    { path: ".cursorignore", strength: "weak", example: ".cursorignore" },
  ],
  nearMisses: [
    "Co-authored-by: Cursor Smith <cursor.smith@example.com>",
    "See https://cursor.com/docs for the editor's settings",
    "Made-with: love",
  ],
};
