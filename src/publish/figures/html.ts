// HTML fragments shared by the static report and the dashboard pages.

import { comparisonCaption, comparisonRows, type Comparison } from "./compare.js";
import type { Headline } from "./headline.js";
import { methodology } from "./methodology.js";
import type { SeriesPoint } from "./series.js";
import { escapeHtml, formatCount, formatInterval, formatPercent, monthLabel } from "../format.js";

/** Every drawn figure with its numerator, denominator and interval. */
export function pointsTableHtml(points: SeriesPoint[], caption: string, open = false): string {
  const rows = points
    .map(
      (p) =>
        `<tr><td>${escapeHtml(p.monthLabel)}</td><td>${escapeHtml(p.label)}</td><td class="num">${escapeHtml(p.shareText)}</td>` +
        `<td class="num">${formatCount(p.count)}</td><td class="num">${formatCount(p.activeRepos)}</td>` +
        `<td class="num">${formatInterval(p.ciLow === null || p.ciHigh === null ? null : [p.ciLow, p.ciHigh])}</td></tr>`,
    )
    .join("");
  return (
    `<details${open ? " open" : ""}><summary>${escapeHtml(caption)}</summary><table><thead><tr><th>month</th><th>series</th><th>share</th>` +
    `<th>repos</th><th>active repos (denominator)</th><th>95% CI</th></tr></thead><tbody>${rows}</tbody></table></details>`
  );
}

/** The comparison behind the headline: both months, the difference and the ratio with their intervals. */
export function comparisonHtml(comparison: Comparison | null): string {
  if (!comparison) return "";
  const rows = comparisonRows(comparison)
    .map(([what, value]) => `<tr><th>${escapeHtml(what)}</th><td class="num">${escapeHtml(value)}</td></tr>`)
    .join("");
  return `<section id="change"><h2>Change between ${escapeHtml(monthLabel(comparison.from.month))} and ${escapeHtml(monthLabel(comparison.to.month))}</h2>` +
    `<table class="comparison"><tbody>${rows}</tbody></table><p class="caption">${escapeHtml(comparisonCaption(comparison))}</p></section>`;
}

export function headlineHtml(headline: Headline): string {
  const end = (e: Headline["first"]) =>
    `${monthLabel(e.month)}: ${formatPercent(e.share)} (${formatCount(e.count)} of ${formatCount(e.activeRepos)} active repos, ` +
    `95% CI ${formatPercent(e.ci95[0])}–${formatPercent(e.ci95[1])})`;
  const detail = headline.first.month === headline.last.month ? end(headline.first) : `${end(headline.first)}; ${end(headline.last)}`;
  return `<p class="headline">${escapeHtml(headline.sentence)}</p><p class="detail">${escapeHtml(detail)}</p>`;
}

export function methodologyHtml(): string {
  return methodology
    .map((section) => {
      const paragraphs = section.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("");
      const items = section.items ? `<ul>${section.items.map((i) => `<li>${escapeHtml(i)}</li>`).join("")}</ul>` : "";
      return `<h3>${escapeHtml(section.heading)}</h3>${paragraphs}${items}`;
    })
    .join("");
}

/** One stylesheet for the report and the dashboard (inlined: no external fonts or files). */
export const baseCss = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1f2328;line-height:1.5}
h1{font-size:1.7rem;margin-bottom:.3rem}h2{margin-top:2.2rem;border-bottom:1px solid #d0d7de;padding-bottom:.3rem}
.banner{display:block;background:#fff8c5;border:1px solid #d4a72c;border-radius:6px;padding:.6rem .9rem;margin:1rem 0}
.empty-state{background:#f6f8fa;border:1px dashed #d0d7de;border-radius:6px;padding:1rem 1.2rem}
.headline{font-size:1.3rem;font-weight:600;margin:.6rem 0}.detail,.caption,.muted{color:#59636e;font-size:.9rem}
figure{margin:1rem 0}figure svg,.chart svg{max-width:100%;height:auto}
table{border-collapse:collapse;font-size:.85rem;margin:.5rem 0}th,td{border:1px solid #d0d7de;padding:.2rem .5rem;text-align:left}
td.num{text-align:right;font-variant-numeric:tabular-nums}pre{background:#f6f8fa;padding:.6rem;overflow:auto}
nav a{margin-right:1rem}form.range{display:flex;gap:.8rem;align-items:end;flex-wrap:wrap;margin:1rem 0}
form.range label{display:flex;flex-direction:column;font-size:.85rem}
`;
