// Finds the lines of a text that hold one of the catalog's needles, in one pass.
//
// Why this shape: a 1 MB message must not stall the detector. The pre-filter is a plain
// alternation of literals (no backtracking), each hit is widened to its line once, and the
// search resumes after that line, so every character is read a bounded number of times.
// Lines are capped before any per-line pattern runs.

export const MAX_LINE_LENGTH = 1_000;

export interface FoundLine {
  /** The line without its end-of-line characters, capped at MAX_LINE_LENGTH. */
  text: string;
  isFirstLine: boolean;
}

export function forEachCandidateLine(text: string, prefilter: RegExp, visit: (line: FoundLine) => void): void {
  prefilter.lastIndex = 0;
  for (;;) {
    const hit = prefilter.exec(text);
    if (hit === null) return;
    const start = text.lastIndexOf("\n", hit.index) + 1;
    const newline = text.indexOf("\n", hit.index);
    const end = newline < 0 ? text.length : newline;
    let line = text.slice(start, Math.min(end, start + MAX_LINE_LENGTH));
    if (line.endsWith("\r")) line = line.slice(0, -1);
    visit({ text: line, isFirstLine: start === 0 });
    if (newline < 0) return;
    prefilter.lastIndex = newline + 1;
  }
}

/**
 * Drops what agents put before a marker: whitespace, emoji, bullets, quote marks.
 * "🤖 Generated with [Claude Code](…)" → "Generated with [Claude Code](…)".
 */
export function stripLeadingDecoration(line: string): string {
  let index = 0;
  while (index < line.length) {
    const code = line.codePointAt(index) ?? 0;
    const isLetterOrDigit =
      (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x5b;
    if (isLetterOrDigit) break;
    index += code > 0xffff ? 2 : 1;
  }
  return line.slice(index);
}
