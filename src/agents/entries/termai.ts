import type { AgentEntry } from "../entry.js";

// Charm's agent before it became Crush (and before it was the Go opencode).
export const termai: AgentEntry = {
  id: "termai",
  name: "termai",
  vendor: "Charm",
  homepage: "https://github.com/charmbracelet/crush",
  class: "coding-agent",
  identities: [{ emailDomain: "termai.io", strength: "strong", example: "Co-Authored-By: termai <noreply@termai.io>" }],
  markers: [{ id: "generated-with", line: /^generated with termai\s*$/i, strength: "strong", example: "🤖 Generated with termai" }],
};
