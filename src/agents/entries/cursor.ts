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
      // The cloud agent's GitHub app and a noreply address seen in one audit: unverified, so weak.
      githubLogin: "cursoragent[bot]",
      strength: "weak",
      example: "cursoragent[bot] <201670782+cursoragent[bot]@users.noreply.github.com>",
    },
    {
      githubLogin: "cursoragent",
      strength: "weak",
      example: "Co-authored-by: Cursor Agent <199161495+cursoragent@users.noreply.github.com>",
    },
    {
      // An identity from a project convention and a test list (cursor.sh is Cursor's old domain): unverified.
      email: "bot@cursor.sh",
      strength: "weak",
      example: "Cursor Bot <bot@cursor.sh>",
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
      // The same footer without its link, as Cursor's attribution writes it ("Attribution is on by
      // default", per Cursor's help page on git) and as the reference grades it: strong.
      id: "made-with",
      line: /^(?:made|generated) with \[?cursor\]?\s*$/i,
      strength: "strong",
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
    // Cloud agents name branches cursor/<slug>-<4 hex>; the detector matches prefixes only, and a
    // bare cursor/ prefix is weak (the word "cursor" is common).
    branchPrefixes: [{ prefix: "cursor/", strength: "weak", example: "cursor/cloud-dev-env-docs-8624" }],
    // Bugbot, Cursor's review app: its pull requests are reviews' fixes at most.
    authorLogins: [{ login: "cursor[bot]", strength: "weak", example: "cursor[bot]" }],
  },
  configPaths: [
    { path: ".cursorrules", strength: "strong", example: ".cursorrules" },
    // Rules, environment, MCP servers, hooks, commands: everything in .cursor/ is Cursor's.
    { path: ".cursor/", strength: "strong", example: ".cursor/hooks.json" },
    // Bugbot's review rules: Cursor's, but review configuration rather than the agent's.
    { path: ".cursor/BUGBOT.md", strength: "weak", example: ".cursor/BUGBOT.md" },
    { path: ".cursorignore", strength: "weak", example: ".cursorignore" },
    { path: ".cursorindexingignore", strength: "weak", example: ".cursorindexingignore" },
  ],
  nearMisses: [
    "Co-authored-by: Cursor Smith <cursor.smith@example.com>",
    "See https://cursor.com/docs for the editor's settings",
    "Made-with: love",
    "Add cursor-pagination to the list endpoint",
  ],
};
