// The agent catalog: one declarative entry per agent, in src/agents/entries/.
// Adding an agent = one entry file + its line here; its examples are tested automatically
// (test/agents/catalog.test.ts) and the detector compiles it without code changes.
import type { AgentEntry } from "./entry.js";
import { agentsMd } from "./entries/agents-md.js";
import { aider } from "./entries/aider.js";
import { amazonQ } from "./entries/amazon-q.js";
import { amp } from "./entries/amp.js";
import { antigravity } from "./entries/antigravity.js";
import { augment } from "./entries/augment.js";
import { bolt } from "./entries/bolt.js";
import { claudeCode } from "./entries/claude-code.js";
import { cline } from "./entries/cline.js";
import { codegen } from "./entries/codegen.js";
import { coderabbit } from "./entries/coderabbit.js";
import { codex } from "./entries/codex.js";
import { continueDev } from "./entries/continue.js";
import { copilot } from "./entries/copilot.js";
import { copilotReview } from "./entries/copilot-review.js";
import { crush } from "./entries/crush.js";
import { cursor } from "./entries/cursor.js";
import { devin } from "./entries/devin.js";
import { ellipsis } from "./entries/ellipsis.js";
import { factory } from "./entries/factory.js";
import { firebaseStudio } from "./entries/firebase-studio.js";
import { firebender } from "./entries/firebender.js";
import { geminiCli } from "./entries/gemini-cli.js";
import { geminiCodeAssist } from "./entries/gemini-code-assist.js";
import { goose } from "./entries/goose.js";
import { greptile } from "./entries/greptile.js";
import { jules } from "./entries/jules.js";
import { junie } from "./entries/junie.js";
import { kiloCode } from "./entries/kilo-code.js";
import { kiro } from "./entries/kiro.js";
import { lovable } from "./entries/lovable.js";
import { mcp } from "./entries/mcp.js";
import { mistralVibe } from "./entries/mistral-vibe.js";
import { ohMyOpencode } from "./entries/oh-my-opencode.js";
import { opencode } from "./entries/opencode.js";
import { openhands } from "./entries/openhands.js";
import { pi } from "./entries/pi.js";
import { qoder } from "./entries/qoder.js";
import { qwenCode } from "./entries/qwen-code.js";
import { replit } from "./entries/replit.js";
import { rooCode } from "./entries/roo-code.js";
import { sourcery } from "./entries/sourcery.js";
import { sweep } from "./entries/sweep.js";
import { termai } from "./entries/termai.js";
import { trae } from "./entries/trae.js";
import { unknownAgent } from "./entries/unknown-agent.js";
import { v0 } from "./entries/v0.js";
import { warp } from "./entries/warp.js";
import { windsurf } from "./entries/windsurf.js";
import { zed } from "./entries/zed.js";

export const catalog: readonly AgentEntry[] = [
  agentsMd,
  aider,
  amazonQ,
  amp,
  antigravity,
  augment,
  bolt,
  claudeCode,
  cline,
  codegen,
  coderabbit,
  codex,
  continueDev,
  copilot,
  copilotReview,
  crush,
  cursor,
  devin,
  ellipsis,
  factory,
  firebaseStudio,
  firebender,
  geminiCli,
  geminiCodeAssist,
  goose,
  greptile,
  jules,
  junie,
  kiloCode,
  kiro,
  lovable,
  mcp,
  mistralVibe,
  ohMyOpencode,
  opencode,
  openhands,
  pi,
  qoder,
  qwenCode,
  replit,
  rooCode,
  sourcery,
  sweep,
  termai,
  trae,
  unknownAgent,
  v0,
  warp,
  windsurf,
  zed,
];
