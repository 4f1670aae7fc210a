// Per-signal precision: of the sampled pieces of evidence a person reviewed, the share judged
// correct, with its Wilson interval and sample size; and the catalog's signals never reviewed.

import { signalReviewCounts, wilsonInterval, type Database } from "../../store/index.js";
import { catalogSignals } from "../audit/signals.js";
import { escapeHtml, formatCount, formatInterval, formatPercent } from "../format.js";

export interface SignalPrecision {
  signal: string;
  agent: string | null;
  strength: string | null;
  reviewed: number;
  correct: number;
  precision: number;
  ci95: [number, number];
}

export interface PrecisionFigures {
  /** Reviews of public repositories only (public reports), or of every repository (an installation's). */
  publicOnly: boolean;
  signals: SignalPrecision[];
  /** Ids of the catalog signals without a single review. */
  neverReviewed: string[];
  catalogSignals: number;
}

export async function precisionFigures(database: Database, options: { publicOnly: boolean }): Promise<PrecisionFigures> {
  const counts = await signalReviewCounts(database, options);
  const catalog = catalogSignals();
  const byId = new Map(catalog.map((s) => [s.id, s]));
  const reviewed = new Set(counts.map((c) => c.signal));
  return {
    publicOnly: options.publicOnly,
    signals: counts.map((c) => ({
      signal: c.signal,
      agent: byId.get(c.signal)?.agent ?? null,
      strength: byId.get(c.signal)?.strength ?? null,
      reviewed: c.reviewed,
      correct: c.correct,
      precision: c.correct / c.reviewed,
      ci95: wilsonInterval(c.correct, c.reviewed),
    })),
    neverReviewed: catalog.filter((s) => !reviewed.has(s.id)).map((s) => s.id),
    catalogSignals: catalog.length,
  };
}

const intro = (p: PrecisionFigures) =>
  `Per-signal precision: a seeded sample of each signal's evidence (agent-census audit sample) was marked correct or not by a person; ` +
  `precision is the share marked correct, with its 95% Wilson interval and the sample size` +
  (p.publicOnly ? ", from reviews of public repositories only." : ".");

/** Label/value rows for Markdown and HTML tables. */
export function precisionRows(p: PrecisionFigures): string[][] {
  return p.signals.map((s) => [s.signal, s.strength ?? "not in the catalog", formatPercent(s.precision), formatInterval(s.ci95), `${formatCount(s.correct)} of ${formatCount(s.reviewed)}`]);
}

export const precisionHeader = ["signal", "strength", "precision", "95% CI", "correct of reviewed"];

export function neverReviewedText(p: PrecisionFigures): string {
  if (p.neverReviewed.length === 0) return "Every catalog signal has been reviewed.";
  return `${formatCount(p.neverReviewed.length)} of ${formatCount(p.catalogSignals)} catalog signals have never been reviewed: ${p.neverReviewed.join(", ")}.`;
}

export function precisionHtml(p: PrecisionFigures): string {
  const table =
    p.signals.length === 0
      ? "<p>No signal has been reviewed yet.</p>"
      : `<table class="precision"><thead><tr>${precisionHeader.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr></thead><tbody>` +
        precisionRows(p)
          .map((row) => `<tr>${row.map((cell, i) => `<td${i >= 2 ? ' class="num"' : ""}>${escapeHtml(cell)}</td>`).join("")}</tr>`)
          .join("") +
        "</tbody></table>";
  return `<h3>Per-signal precision</h3><p>${escapeHtml(intro(p))}</p>${table}<details><summary>Signals never reviewed (${formatCount(p.neverReviewed.length)})</summary><p>${escapeHtml(neverReviewedText(p))}</p></details>`;
}

export function precisionMarkdown(p: PrecisionFigures, table: (header: string[], rows: string[][]) => string): string {
  const body = p.signals.length === 0 ? "_No signal has been reviewed yet._" : table(precisionHeader, precisionRows(p));
  return [`### Per-signal precision`, intro(p), body, neverReviewedText(p)].join("\n\n");
}
