import type { AgentEntry } from "../entry.js";

export const goose: AgentEntry = {
  id: "goose",
  name: "Goose",
  vendor: "Block",
  homepage: "https://block.github.io/goose/",
  class: "coding-agent",
  configPaths: [
    { path: ".goosehints", anyDepth: true, strength: "strong", example: ".goosehints" },
    { path: ".gooseignore", strength: "weak", example: ".gooseignore" },
  ],
};
