import type { AgentEntry } from "../entry.js";

export const rooCode: AgentEntry = {
  id: "roo-code",
  name: "Roo Code",
  vendor: "Roo Code",
  homepage: "https://roocode.com",
  class: "coding-agent",
  configPaths: [
    { path: ".roo/", strength: "strong", example: ".roo/rules/01-style.md" },
    { path: ".roomodes", strength: "strong", example: ".roomodes" },
    { path: ".roorules", strength: "strong", example: ".roorules" },
  ],
};
