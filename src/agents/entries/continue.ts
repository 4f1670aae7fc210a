import type { AgentEntry } from "../entry.js";

export const continueDev: AgentEntry = {
  id: "continue",
  name: "Continue",
  vendor: "Continue",
  homepage: "https://www.continue.dev",
  class: "coding-agent",
  configPaths: [
    { path: ".continue/rules/", strength: "strong", example: ".continue/rules/react.md" },
    { path: ".continue/", strength: "weak", example: ".continue/config.yaml" },
    { path: ".continuerules", strength: "strong", example: ".continuerules" },
  ],
};
