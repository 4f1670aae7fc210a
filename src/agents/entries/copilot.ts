import type { AgentEntry } from "../entry.js";

export const copilot: AgentEntry = {
  id: "copilot",
  name: "GitHub Copilot coding agent",
  vendor: "GitHub",
  homepage: "https://docs.github.com/en/copilot/concepts/agents/coding-agent",
  class: "coding-agent",
  identities: [
    {
      // copilot-swe-agent[bot]; after a squash merge it co-authors as "Copilot" with the same id.
      githubUserId: 198982749,
      strength: "strong",
      example: "Co-authored-by: copilot-swe-agent[bot] <198982749+Copilot@users.noreply.github.com>",
    },
    {
      githubLogin: "copilot-swe-agent[bot]",
      strength: "strong",
      example: "copilot-swe-agent[bot] <198982749+Copilot@users.noreply.github.com>",
    },
    {
      // Copilot's agentic CLI / app identity ("Copilot App").
      githubUserId: 223556219,
      strength: "strong",
      example: "Co-authored-by: Copilot App <223556219+Copilot@users.noreply.github.com>",
    },
    {
      // VS Code's git.addAICoAuthor writes this when any Copilot feature touched the change,
      // even one accepted completion: assistance, not proof of an agent.
      email: "copilot@github.com",
      strength: "weak",
      example: "Co-authored-by: Copilot <copilot@github.com>",
    },
    {
      // Copilot Chat's app account: assistance in the IDE, not the coding agent.
      githubLogin: "copilot[bot]",
      strength: "weak",
      example: "copilot[bot] <167198135+copilot[bot]@users.noreply.github.com>",
    },
  ],
  trailers: [
    {
      // The coding agent links its session log from the commits it makes.
      key: "Agent-Logs-Url",
      value: /^https:\/\/github\.com\/[^/\s]+\/[^/\s]+\/sessions\//i,
      strength: "strong",
      example: "Agent-Logs-Url: https://github.com/github/github-mcp-server/sessions/0f9d3a52-5c1e-4a2b-9d7e-1f2a3b4c5d6e",
    },
    {
      // Copilot CLI / app sessions.
      key: "Copilot-Session",
      value: /^[0-9a-f]{8}-[0-9a-f]{4}-/i,
      strength: "strong",
      example: "Copilot-Session: 5f0c2d1e-8a9b-4c3d-9e2f-1a2b3c4d5e6f",
    },
  ],
  toolNames: [
    {
      // "Assisted-by: GitHub Copilot/Claude Opus 4.6" names Copilot, but not which Copilot: the IDE's
      // completions and chat are assistance, so this is only a hint (the upper bound).
      id: "copilot",
      value: /^(?:github\s+)?copilot\b/i,
      strength: "weak",
      example: "Assisted-by: GitHub Copilot/Claude Opus 4.6",
    },
  ],
  markers: [
    {
      // A footer people add by convention (not written by the coding agent): assistance at most.
      id: "generated-with",
      line: /^generated with \[github copilot\]\(https?:\/\/github\.com\/features\/copilot\)/i,
      strength: "weak",
      example: "🤖 Generated with [GitHub Copilot](https://github.com/features/copilot)",
    },
    {
      // The coding agent's first commit in a pull request ("* Initial plan" after a squash); alone,
      // a subject anyone could write.
      id: "initial-plan",
      line: /^initial plan\s*$/i,
      strength: "weak",
      example: "* Initial plan",
    },
  ],
  pullRequests: {
    // REST shows the author as "Copilot" (type Bot); GraphQL as copilot-swe-agent.
    authorLogins: [
      { login: "copilot-swe-agent[bot]", strength: "strong", example: "copilot-swe-agent[bot]" },
      { login: "Copilot", strength: "strong", example: "Copilot" },
    ],
    // The coding agent's branches; the reference grades the prefix strong (people rarely use it).
    branchPrefixes: [{ prefix: "copilot/", strength: "strong", example: "copilot/setup-copilot-instructions" }],
    bodyMarkers: [
      {
        // The placeholder body while the agent works, replaced when it finishes.
        id: "begun-work",
        line: /^coding agent has begun work on\b/i,
        strength: "strong",
        example: "Coding agent has begun work on … and will replace this description as work progresses.",
      },
      {
        // The section quoting the task, as a heading or a <details> summary.
        id: "original-prompt",
        line: /^(?:summary>\s*)?original prompt(?:\s*<\/summary>)?\s*$/i,
        strength: "strong",
        example: "Original prompt",
      },
      {
        id: "setup-tip",
        line: /^let copilot coding agent \[?set things up for you\b/i,
        strength: "strong",
        example: "✨ Let Copilot coding agent set things up for you",
      },
    ],
  },
  configPaths: [
    { path: ".github/copilot-instructions.md", strength: "strong", example: ".github/copilot-instructions.md" },
    {
      path: ".github/instructions/",
      fileSuffix: ".instructions.md",
      strength: "strong",
      example: ".github/instructions/tests.instructions.md",
    },
    // Only *.prompt.md: *.prompt.yml files there are GitHub Models prompts, not Copilot's.
    { path: ".github/prompts/", fileSuffix: ".prompt.md", strength: "strong", example: ".github/prompts/release.prompt.md" },
    { path: ".github/chatmodes/", fileSuffix: ".chatmode.md", strength: "strong", example: ".github/chatmodes/plan.chatmode.md" },
    // Copilot's custom agents: *.agent.md, and plain *.md profiles.
    { path: ".github/agents/", fileSuffix: ".md", strength: "strong", example: ".github/agents/go-sdk-tool-migrator.md" },
    {
      path: ".github/workflows/copilot-setup-steps.yml",
      strength: "strong",
      example: ".github/workflows/copilot-setup-steps.yml",
    },
  ],
  nearMisses: [
    ".github/prompts/default-issue-review.prompt.yml",
    "Co-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>",
    "Co-authored-by: copilot-reviewer <12345+copilot-reviewer@users.noreply.github.com>",
  ],
};
