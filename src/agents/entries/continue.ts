import type { AgentEntry } from "../entry.js";

// Continue is an autocomplete and chat assistant as much as an agent: the reference grades its
// traces weak (a sign of the tool, not of agent work), so it counts only towards the upper bound.
export const continueDev: AgentEntry = {
  id: "continue",
  name: "Continue",
  vendor: "Continue",
  homepage: "https://www.continue.dev",
  class: "coding-agent",
  identities: [
    { githubLogin: "continue[bot]", strength: "weak", example: "continue[bot] <230936708+continue[bot]@users.noreply.github.com>" },
  ],
  configPaths: [
    { path: ".continue/rules/", strength: "weak", example: ".continue/rules/react.md" },
    { path: ".continue/", strength: "weak", example: ".continue/config.yaml" },
    { path: ".continuerules", strength: "weak", example: ".continuerules" },
  ],
};
