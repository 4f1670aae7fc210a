import type { AgentEntry } from "../entry.js";

// Only its config folder is known, from one third-party table: unverified, so weak.
export const mistralVibe: AgentEntry = {
  id: "mistral-vibe",
  name: "Mistral Vibe",
  vendor: "Mistral AI",
  homepage: "https://mistral.ai",
  class: "coding-agent",
  configPaths: [
    { path: ".vibe/config.toml", strength: "weak", example: ".vibe/config.toml" },
    { path: ".vibe/skills/", strength: "weak", example: ".vibe/skills/release/SKILL.md" },
  ],
};
