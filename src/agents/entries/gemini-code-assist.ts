import type { AgentEntry } from "../entry.js";

export const geminiCodeAssist: AgentEntry = {
  id: "gemini-code-assist",
  name: "Gemini Code Assist (review)",
  vendor: "Google",
  homepage: "https://developers.google.com/gemini-code-assist/docs/review-github-code",
  class: "review-assistant",
  identities: [
    {
      githubLogin: "gemini-code-assist[bot]",
      strength: "strong",
      example:
        "Co-authored-by: gemini-code-assist[bot] <176961590+gemini-code-assist[bot]@users.noreply.github.com>",
    },
  ],
  // The review bot's own files in .gemini/ (the rest of the folder is Gemini CLI's).
  configPaths: [
    { path: ".gemini/config.yaml", strength: "strong", example: ".gemini/config.yaml" },
    { path: ".gemini/styleguide.md", strength: "strong", example: ".gemini/styleguide.md" },
  ],
};
