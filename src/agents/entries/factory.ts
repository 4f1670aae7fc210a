import type { AgentEntry } from "../entry.js";

export const factory: AgentEntry = {
  id: "factory",
  name: "Factory Droid",
  vendor: "Factory",
  homepage: "https://factory.ai",
  class: "coding-agent",
  identities: [
    {
      githubLogin: "factory-droid[bot]",
      strength: "strong",
      example: "Co-authored-by: factory-droid[bot] <138933559+factory-droid[bot]@users.noreply.github.com>",
    },
  ],
  pullRequests: {
    authorLogins: [{ login: "factory-droid[bot]", strength: "strong", example: "factory-droid[bot]" }],
  },
  configPaths: [{ path: ".factory/", strength: "strong", example: ".factory/droids/reviewer.md" }],
  nearMisses: ["refactor: split the widget factory into small modules"],
};
