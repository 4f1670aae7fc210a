import type { AgentEntry } from "../entry.js";

export const augment: AgentEntry = {
  id: "augment",
  name: "Augment Agent",
  vendor: "Augment Code",
  homepage: "https://www.augmentcode.com",
  class: "coding-agent",
  // Augment's review bot (it has no co-author identity of its own): a person applied its suggestion.
  identities: [{ githubLogin: "augmentcode[bot]", strength: "weak", example: "augmentcode[bot] <augmentcode[bot]@users.noreply.github.com>" }],
  configPaths: [
    { path: ".augment-guidelines", strength: "strong", example: ".augment-guidelines" },
    { path: ".augment/rules/", strength: "strong", example: ".augment/rules/backend.md" },
    // guidelines.md, settings.json, code_review_guidelines.yaml: the rest of Augment's folder.
    { path: ".augment/", strength: "strong", example: ".augment/settings.json" },
    { path: ".augmentignore", strength: "weak", example: ".augmentignore" },
  ],
};
