import type { AgentEntry } from "../entry.js";

export const ohMyOpencode: AgentEntry = {
  id: "oh-my-opencode",
  name: "Sisyphus (oh-my-opencode)",
  vendor: "Sisyphus Labs",
  homepage: "https://github.com/code-yeongyu/oh-my-opencode",
  class: "coding-agent",
  identities: [
    {
      // The agent's co-author address; sisyphuslabs.ai is the agent's own domain.
      emailDomain: "sisyphuslabs.ai",
      strength: "strong",
      example: "Co-authored-by: Sisyphus <clio-agent@sisyphuslabs.ai>",
    },
  ],
  markers: [
    {
      id: "ultraworked-with",
      line: /^ultraworked with \[sisyphus\]/i,
      strength: "strong",
      example: "Ultraworked with [Sisyphus](https://github.com/code-yeongyu/oh-my-opencode)",
    },
  ],
  nearMisses: ["The myth of Sisyphus: ultraworked and never done"],
};
