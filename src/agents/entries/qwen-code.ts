import type { AgentEntry } from "../entry.js";

export const qwenCode: AgentEntry = {
  id: "qwen-code",
  name: "Qwen Code",
  vendor: "Alibaba Qwen",
  homepage: "https://github.com/QwenLM/qwen-code",
  class: "coding-agent",
  configPaths: [
    { path: "QWEN.md", anyDepth: true, strength: "strong", example: "QWEN.md" },
    { path: ".qwen/", strength: "strong", example: ".qwen/settings.json" },
  ],
};
