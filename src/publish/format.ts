// Formatting shared by every publishing surface, so a figure reads the same in the report,
// the dashboard, the API's companions and the badge.

import type { Month } from "../store/index.js";

const monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const monthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: string): boolean {
  return monthPattern.test(value);
}

/** "2025-10" → "Oct 2025". */
export function monthLabel(month: Month): string {
  const match = monthPattern.exec(month);
  if (!match) return month;
  return `${monthNames[Number(match[2]) - 1]} ${match[1]}`;
}

/** The UTC month a date falls in. */
export function monthOf(date: Date): Month {
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, "0")}`;
}

export function addMonths(month: Month, count: number): Month {
  const [year, index] = month.split("-").map(Number) as [number, number];
  const total = year * 12 + (index - 1) + count;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, "0")}`;
}

/** 0.0612 → "6.1%"; shares below 0.1% keep a second decimal so they never read as zero. */
export function formatPercent(share: number): string {
  const percent = share * 100;
  if (percent > 0 && percent < 0.1) return `${percent.toFixed(2)}%`;
  return `${percent.toFixed(1)}%`;
}

export function formatCount(count: number): string {
  return count.toLocaleString("en-US");
}

/** "×2.2" — how many times the last share is the first one. */
export function formatRatio(ratio: number): string {
  return `×${ratio.toFixed(1)}`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}

/** What a table prints for a month without a denominator: no data is not zero. */
export const noData = "—";

/** formatPercent, or "—" for a share that does not exist (no active repository). */
export function formatShare(share: number | null): string {
  return share === null ? noData : formatPercent(share);
}

/** "4.2%–9.8%", or "—" when there is no interval. */
export function formatInterval(ci95: readonly [number, number] | null): string {
  return ci95 === null ? noData : `${formatPercent(ci95[0])}–${formatPercent(ci95[1])}`;
}
