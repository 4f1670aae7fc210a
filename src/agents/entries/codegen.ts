import type { AgentEntry } from "../entry.js";

export const codegen: AgentEntry = {
  id: "codegen",
  name: "Codegen",
  vendor: "Codegen",
  homepage: "https://codegen.com",
  class: "coding-agent",
  identities: [
    {
      // CODEGEN_BOT_EMAIL in the Codegen SDK.
      githubLogin: "codegen-sh[bot]",
      strength: "strong",
      example: "Co-authored-by: codegen-sh[bot] <131295404+codegen-sh[bot]@users.noreply.github.com>",
    },
  ],
  pullRequests: {
    authorLogins: [{ login: "codegen-sh[bot]", strength: "strong", example: "codegen-sh[bot]" }],
  },
  nearMisses: ["Run codegen for the protobuf types"],
};
