import type { AgentEntry } from "../entry.js";

export const kiloCode: AgentEntry = {
  id: "kilo-code",
  name: "Kilo Code",
  vendor: "Kilo Code",
  homepage: "https://kilocode.ai",
  class: "coding-agent",
  // Kilo's review bot: a person applied its suggestion.
  identities: [{ githubLogin: "kiloconnect[bot]", strength: "weak", example: "kiloconnect[bot] <kiloconnect[bot]@users.noreply.github.com>" }],
  configPaths: [
    // rules/, skills/, mcp.json: everything in .kilocode/ is Kilo's.
    { path: ".kilocode/", strength: "strong", example: ".kilocode/rules/formatting.md" },
    { path: ".kilocodemodes", strength: "strong", example: ".kilocodemodes" },
  ],
};
