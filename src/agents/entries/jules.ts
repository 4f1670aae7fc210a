import type { AgentEntry } from "../entry.js";

export const jules: AgentEntry = {
  id: "jules",
  name: "Jules",
  vendor: "Google",
  homepage: "https://jules.google",
  class: "coding-agent",
  identities: [
    {
      githubLogin: "google-labs-jules[bot]",
      strength: "strong",
      example:
        "Co-authored-by: google-labs-jules[bot] <161369871+google-labs-jules[bot]@users.noreply.github.com>",
    },
  ],
  links: [
    {
      // Jules's pull requests link their task ("PR created automatically by Jules for task …").
      id: "task",
      url: /jules\.google\.com\/(?:task|session)\/\d/i,
      strength: "strong",
      example: "PR created automatically by Jules for task [1234567890123456789](https://jules.google.com/task/1234567890123456789)",
    },
  ],
  pullRequests: {
    authorLogins: [{ login: "google-labs-jules[bot]", strength: "strong", example: "google-labs-jules[bot]" }],
    bodyMarkers: [
      {
        id: "created-automatically",
        line: /^pr created automatically by jules for task\b/i,
        strength: "strong",
        example: "*PR created automatically by Jules for task [1234567890123456789](https://jules.google.com/task/1234567890123456789) started by @<user>*",
      },
    ],
  },
  nearMisses: ["Co-authored-by: Jules Verne <jules@example.com>"],
};
