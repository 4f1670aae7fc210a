import type { AgentEntry } from "../entry.js";

export const geminiCli: AgentEntry = {
  id: "gemini-cli",
  name: "Gemini CLI",
  vendor: "Google",
  homepage: "https://github.com/google-gemini/gemini-cli",
  class: "coding-agent",
  identities: [
    {
      // The run-gemini-cli action's bot; it also files triage and release changes.
      githubLogin: "gemini-cli[bot]",
      strength: "weak",
      example: "gemini-cli[bot] <218312386+gemini-cli[bot]@users.noreply.github.com>",
    },
  ],
  configPaths: [
    { path: "GEMINI.md", anyDepth: true, strength: "strong", example: "packages/core/GEMINI.md" },
    { path: ".gemini/", strength: "strong", example: ".gemini/settings.json" },
    { path: ".geminiignore", strength: "weak", example: ".geminiignore" },
  ],
  nearMisses: ["gemini-cli-robot <gemini-cli-robot@google.com>"],
};
