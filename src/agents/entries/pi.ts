import type { AgentEntry } from "../entry.js";

// Only its skills folder is known, from one third-party table: unverified, so weak.
export const pi: AgentEntry = {
  id: "pi",
  name: "pi coding agent",
  vendor: "pi (Mario Zechner)",
  homepage: "https://github.com/badlogic/pi-mono",
  class: "coding-agent",
  configPaths: [{ path: ".pi/skills/", strength: "weak", example: ".pi/skills/release/SKILL.md" }],
};
