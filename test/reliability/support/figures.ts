// The reliability suite's ledger: each check appends what it tried and what it found (deliveries
// held, faults survived, bad inputs tried, records lost or double-counted) as JSON lines, so
// `scripts/reliability-report.ts` can print one table after vitest's forked workers are done.
// Outside that script (RELIABILITY_FIGURES_DIR unset) recording is a no-op.
import { appendFileSync, mkdirSync } from "node:fs";
import { join, relative } from "node:path";
import { expect } from "vitest";

export interface Figures {
  /** Webhook deliveries answered and counted exactly. */
  deliveriesHeld?: number;
  /** Injected faults (HTTP errors, timeouts, dropped connections, killed workers) the system came through. */
  faultsSurvived?: number;
  /** Hostile or malformed inputs tried (fuzz cases, bad flags, bad payloads). */
  badInputsTried?: number;
  /** Records present in the ground truth but missing from the store. */
  recordsLost?: number;
  /** Records counted more than once (or present in the store but not in the ground truth). */
  recordsDoubleCounted?: number;
  /** Secret texts (tokens, keys) found in captured output. */
  secretsLeaked?: number;
  /** Private names or figures found in public output. */
  privateLeaks?: number;
}

export interface LedgerLine {
  /** The test file, relative to the project root. */
  file: string;
  area: string;
  check: string;
  figures: Figures;
  /** Set when the check could not run here, with the reason. */
  skipped?: string;
}

export const FIGURES_DIR_VARIABLE = "RELIABILITY_FIGURES_DIR";

function write(line: Omit<LedgerLine, "file">): void {
  const dir = process.env[FIGURES_DIR_VARIABLE];
  if (!dir) return;
  const file = relative(process.cwd(), expect.getState().testPath ?? "unknown");
  mkdirSync(dir, { recursive: true });
  appendFileSync(join(dir, `figures-${process.pid}.jsonl`), `${JSON.stringify({ file, ...line })}\n`);
}

export function recordFigures(area: string, check: string, figures: Figures): void {
  write({ area, check, figures });
}

export function recordSkip(area: string, check: string, reason: string): void {
  write({ area, check, figures: {}, skipped: reason });
}

/** True inside `npm run test:reliability`: checks run at full size there, small in `npm test`. */
export const fullSize = process.env.RELIABILITY_FULL === "1";
