import type { AgentEntry } from "../entry.js";

export const amazonQ: AgentEntry = {
  id: "amazon-q",
  name: "Amazon Q Developer",
  vendor: "Amazon Web Services",
  homepage: "https://aws.amazon.com/q/developer/",
  class: "coding-agent",
  pullRequests: {
    authorLogins: [{ login: "amazon-q-developer[bot]", strength: "strong", example: "amazon-q-developer[bot]" }],
  },
  configPaths: [{ path: ".amazonq/rules/", strength: "strong", example: ".amazonq/rules/python.md" }],
};
