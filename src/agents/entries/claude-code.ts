import type { AgentEntry } from "../entry.js";

export const claudeCode: AgentEntry = {
  id: "claude-code",
  name: "Claude Code",
  vendor: "Anthropic",
  homepage: "https://claude.com/claude-code",
  class: "coding-agent",
  identities: [
    {
      // Claude Code writes the model into the name ("Claude Opus 4.6 (1M context)"), so match
      // the address, never a list of model names.
      email: "noreply@anthropic.com",
      strength: "strong",
      example: "Co-Authored-By: Claude Opus 4.6 (1M context) <noreply@anthropic.com>",
    },
    {
      // The Claude GitHub app / claude-code-action commits and co-authors as claude[bot].
      githubLogin: "claude[bot]",
      strength: "strong",
      example: "Co-authored-by: claude[bot] <209825114+claude[bot]@users.noreply.github.com>",
    },
  ],
  markers: [
    {
      needle: "generated with [claude code]",
      line: /^generated with \[claude code\]\(https?:\/\/(?:www\.)?(?:claude\.ai\/code|claude\.com\/claude-code|docs\.anthropic\.com\/[^\s)]*)\)/i,
      strength: "strong",
      example: "🤖 Generated with [Claude Code](https://claude.com/claude-code)",
    },
  ],
  pullRequests: {
    authorLogins: [{ login: "claude[bot]", strength: "strong", example: "claude[bot]" }],
    // claude-code-action names its branches claude/issue-123-20250101-1200.
    branchPrefixes: [{ prefix: "claude/", strength: "weak", example: "claude/issue-412-20250611-0839" }],
  },
  configPaths: [
    { path: "CLAUDE.md", anyDepth: true, strength: "strong", example: "base-action/CLAUDE.md" },
    { path: "CLAUDE.local.md", anyDepth: true, strength: "strong", example: "CLAUDE.local.md" },
    { path: ".claude/", strength: "strong", example: ".claude/settings.json" },
    // The install flow's workflow names; the file's text (claude-code-action) is not read, so weak.
    { path: ".github/workflows/claude.yml", strength: "weak", example: ".github/workflows/claude.yml" },
    { path: ".github/workflows/claude-code-review.yml", strength: "weak", example: ".github/workflows/claude-code-review.yml" },
  ],
  nearMisses: [
    "Never add `Co-Authored-By: Claude <noreply@anthropic.com>` to commits",
    "docs: explain how Generated with [Claude Code] markers are parsed",
    "Co-authored-by: Claude Monet <claude.monet@example.com>",
  ],
};
