import type { AgentEntry } from "../entry.js";

export const qwenCode: AgentEntry = {
  id: "qwen-code",
  name: "Qwen Code",
  vendor: "Alibaba Qwen",
  homepage: "https://github.com/QwenLM/qwen-code",
  class: "coding-agent",
  identities: [
    {
      // Qwen Code's co-author trailer (general.gitCoAuthor, on by default).
      email: "qwen-coder@alibabacloud.com",
      strength: "strong",
      example: "Co-authored-by: Qwen-Coder <qwen-coder@alibabacloud.com>",
    },
  ],
  configPaths: [
    { path: "QWEN.md", anyDepth: true, strength: "strong", example: "QWEN.md" },
    { path: ".qwen/", strength: "strong", example: ".qwen/settings.json" },
  ],
};
