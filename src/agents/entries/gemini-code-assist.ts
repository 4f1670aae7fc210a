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
  configPaths: [{ path: ".gemini/styleguide.md", strength: "weak", example: ".gemini/styleguide.md" }],
};
