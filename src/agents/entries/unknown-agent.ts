import type { AgentEntry } from "../entry.js";

// Agent work whose tool the trace does not name: the shared corpus's `unknown-agent`. Two kinds of
// trace, neither tied to one agent:
// - session recorders that hook into any agent and write their own trailers into its commits:
//   Entire (strong: it only runs inside an agent session) and whogitit's line counts (weak);
// - projects' AI-use trailers (AI-Assisted: true, AI-Tool:, AI-Model:): weak, a claim that some AI
//   helped. Assisted-by / Generated-by / AI-assisted-by are read for the tools they name (each
//   agent's toolNames); one that names no known tool is no evidence, so a person credited there
//   stays nothing and a named tool is not counted twice.
export const unknownAgent: AgentEntry = {
  id: "unknown-agent",
  name: "An agent the trace does not name",
  vendor: "attribution recorders (Entire, whogitit) and AI-use trailer conventions",
  homepage: "https://docs.entire.io/cli/checkpoints",
  class: "coding-agent",
  convention: true,
  trailers: [
    // Entire links each commit to the agent session it captured (entireio/cli, package trailers);
    // Entire-Agent names the agent ("Claude Code", "Cursor"), but the census does not parse it yet.
    { key: "Entire-Checkpoint", strength: "strong", example: "Entire-Checkpoint: a3b2c4d5e6f7" },
    { key: "Entire-Session", strength: "strong", example: "Entire-Session: 019d6c43-1537-7343-9691-1f8cee04fe59" },
    { key: "Entire-Agent", strength: "strong", example: "Entire-Agent: Claude Code" },
    { key: "Entire-Metadata", strength: "strong", example: "Entire-Metadata: .entire/metadata/019d6c43-1537-7343-9691-1f8cee04fe59" },
    { key: "Entire-Metadata-Task", strength: "strong", example: "Entire-Metadata-Task: .entire/metadata/019d6c43-1537-7343-9691-1f8cee04fe59/tasks/1" },
    { key: "Entire-Strategy", strength: "strong", example: "Entire-Strategy: manual-commit" },
    { key: "Entire-Condensation", strength: "strong", example: "Entire-Condensation: a3b2c4d5e6f7" },
    { key: "Entire-Source-Ref", strength: "strong", example: "Entire-Source-Ref: main@a3b2c4d5e6f7" },
    // whogitit's per-commit AI line counts.
    { key: "AI-Session", strength: "weak", example: "AI-Session: 019d6c43-1537-7343-9691-1f8cee04fe59" },
    { key: "AI-Lines", strength: "weak", example: "AI-Lines: 42" },
    { key: "AI-Modified", strength: "weak", example: "AI-Modified: 3" },
    { key: "Human-Lines", strength: "weak", example: "Human-Lines: 7" },
    // Projects' AI-use conventions.
    { key: "AI-Model", strength: "weak", example: "AI-Model: gpt-5.2" },
    { key: "AI-Tool", strength: "weak", example: "AI-Tool: Cursor" },
    { key: "AI-Assisted", value: /^(?:true|yes)$/i, strength: "weak", example: "AI-Assisted: true" },
  ],
  nearMisses: [
    // A person credited, a tool the catalog does not know, and an explicit "no".
    "Assisted-by: Jane Doe <jane@example.com>",
    "Assisted-by: AGENT_NAME:MODEL_VERSION",
    "AI-Assisted: false",
    "Entire checkpoints are stored on a separate branch",
  ],
};
