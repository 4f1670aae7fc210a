import type { AgentEntry } from "../entry.js";

export const augment: AgentEntry = {
  id: "augment",
  name: "Augment Agent",
  vendor: "Augment Code",
  homepage: "https://www.augmentcode.com",
  class: "coding-agent",
  configPaths: [
    { path: ".augment-guidelines", strength: "strong", example: ".augment-guidelines" },
    { path: ".augment/rules/", strength: "strong", example: ".augment/rules/backend.md" },
  ],
};
