import type { AgentEntry } from "../entry.js";

export const geminiCli: AgentEntry = {
  id: "gemini-cli",
  name: "Gemini CLI",
  vendor: "Google",
  homepage: "https://github.com/google-gemini/gemini-cli",
  class: "coding-agent",
  identities: [
    {
      // The Gemini CLI GitHub app (run-gemini-cli): Gemini CLI running as an agent in a workflow.
      githubLogin: "gemini-cli[bot]",
      strength: "strong",
      example: "gemini-cli[bot] <218312386+gemini-cli[bot]@users.noreply.github.com>",
    },
  ],
  toolNames: [
    {
      // "Assisted-by: Gemini CLI" names the tool; a Gemini model alone is a hint (upper bound).
      id: "gemini-cli",
      value: /^(?:google\s+)?gemini[ -]cli\b/i,
      strength: "strong",
      example: "Assisted-by: Gemini CLI (gemini-3-pro)",
    },
    { id: "gemini-model", value: /^(?:google\s+)?gemini\b/i, strength: "weak", example: "Assisted-by: Gemini 3 Pro" },
  ],
  configPaths: [
    { path: "GEMINI.md", anyDepth: true, strength: "strong", example: "packages/core/GEMINI.md" },
    // Any .gemini/ folder, but for the files Gemini Code Assist (the review bot) owns at the root.
    { path: ".gemini/", anyDepth: true, strength: "strong", example: "tools/gemini-cli-bot/.gemini/skills/prs/SKILL.md" },
    { path: ".geminiignore", strength: "weak", example: ".geminiignore" },
    // run-gemini-cli's workflow templates: strong only with their text (uses: google-github-actions/
    // run-gemini-cli@…), which the detector does not read.
    { path: ".github/workflows/gemini-dispatch.yml", strength: "weak", example: ".github/workflows/gemini-dispatch.yml" },
    { path: ".github/workflows/gemini-invoke.yml", strength: "weak", example: ".github/workflows/gemini-invoke.yml" },
    { path: ".github/workflows/gemini-review.yml", strength: "weak", example: ".github/workflows/gemini-review.yml" },
    { path: ".github/workflows/gemini-triage.yml", strength: "weak", example: ".github/workflows/gemini-triage.yml" },
    { path: ".github/workflows/gemini-cli.yml", strength: "weak", example: ".github/workflows/gemini-cli.yml" },
  ],
  nearMisses: [
    // Release automation, and the identity of Gemini CLI's internal checkpoint repository that
    // people copy into their own conventions: neither is the agent writing to a repository.
    "gemini-cli-robot <gemini-cli-robot@google.com>",
    "Co-authored-by: Gemini CLI <gemini-cli@google.com>",
  ],
};
