// A shields.io-style "flat" badge. A badge is two labelled boxes, not a chart, so it is written
// directly rather than through the charting library.

import { escapeHtml, formatPercent } from "../format.js";
import type { AgentCommitShare } from "../read/public-repositories.js";

// Verdana 11px averages about 6.5px per character at shields' sizes; close enough for layout.
const textWidth = (text: string) => Math.round(text.length * 6.5) + 10;

function colorFor(share: number): string {
  if (share >= 0.5) return "#e05d44";
  if (share >= 0.2) return "#fe7d37";
  if (share >= 0.05) return "#dfb317";
  if (share > 0) return "#a4a61d";
  return "#9f9f9f";
}

export function badgeSvg(figure: AgentCommitShare): string {
  const label = "agent commits (90d)";
  const value = figure.commits === 0 ? "no commits" : formatPercent(figure.share);
  const color = figure.commits === 0 ? "#9f9f9f" : colorFor(figure.share);
  const title = figure.commits === 0 ? `${label}: no commits` : `${label}: ${value} (${figure.agentCommits} of ${figure.commits} commits)`;
  const lw = textWidth(label);
  const vw = textWidth(value);
  const w = lw + vw;
  const text = (x: number, content: string) =>
    `<text x="${x}" y="15" fill="#010101" fill-opacity=".3">${escapeHtml(content)}</text><text x="${x}" y="14">${escapeHtml(content)}</text>`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="20" role="img" aria-label="${escapeHtml(title)}">` +
    `<title>${escapeHtml(title)}</title>` +
    `<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>` +
    `<clipPath id="r"><rect width="${w}" height="20" rx="3" fill="#fff"/></clipPath>` +
    `<g clip-path="url(#r)"><rect width="${lw}" height="20" fill="#555"/><rect x="${lw}" width="${vw}" height="20" fill="${color}"/>` +
    `<rect width="${w}" height="20" fill="url(#s)"/></g>` +
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">` +
    `${text(lw / 2, label)}${text(lw + vw / 2, value)}</g></svg>`
  );
}
