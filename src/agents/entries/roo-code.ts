import type { AgentEntry } from "../entry.js";

export const rooCode: AgentEntry = {
  id: "roo-code",
  name: "Roo Code",
  vendor: "Roo Code",
  homepage: "https://roocode.com",
  class: "coding-agent",
  // Roo's cloud agent ("Roomote") and a co-author name: one third-party list, unverified.
  identities: [{ githubLogin: "roomote", strength: "weak", example: "roomote <roomote@users.noreply.github.com>" }],
  toolNames: [{ id: "roo-code", value: /^(?:roo ?code|roomote)\b/i, strength: "weak", example: "Co-authored-by: Roo Code" }],
  configPaths: [
    // rules/, rules-<mode>/, mcp.json, skills/: everything in .roo/ is Roo's.
    { path: ".roo/", strength: "strong", example: ".roo/rules/01-style.md" },
    { path: ".roomodes", strength: "strong", example: ".roomodes" },
    { path: ".roorules", strength: "strong", example: ".roorules" },
    // The reference grades it strong; the shared corpus's label rules list ignore files as weak.
    { path: ".rooignore", strength: "weak", example: ".rooignore" },
  ],
  nearMisses: ["Add a kangaroo code sample"],
};
