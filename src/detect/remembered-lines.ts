// Candidate lines remembered with the evidence they gave (often none): an agent writes the same
// trailer and marker lines on commit after commit ("Co-Authored-By: Claude <noreply@…>"), a
// project's people co-author commit after commit, and comparing a line with the one remembered
// in its slot (natively) costs far less than reading it again character by character.
import type { FoundLine } from "./lines.js";
import type { Evidence } from "./types.js";

export interface RememberedLine {
  text: string;
  /** firstLineOnly markers make the first line read differently. */
  isFirstLine: boolean;
  items: readonly Evidence[];
}

/**
 * One slot per line, picked by its length and three of its characters (the last, the fourth
 * — "Co-authored-by" and "Co-Authored-By" differ there — and the middle one), so an agent's
 * lines written in two spellings do not take turns evicting each other.
 */
function slotOf(slots: readonly unknown[], line: FoundLine): number {
  const { source, start, end } = line;
  const length = end - start;
  if (length === 0) return 0;
  const hash = length * 31 + source.charCodeAt(end - 1) * 7 + (source.charCodeAt(start + Math.min(3, length - 1)) * 13) + source.charCodeAt(start + (length >> 1)) * 17;
  // A power of two of slots (compile.ts): the mask picks one.
  return (hash + (line.isFirstLine ? 5 : 0)) & (slots.length - 1);
}

function sameText(text: string, line: FoundLine): boolean {
  // A slice of the message is a view (no copy) that === compares natively, faster than
  // startsWith at an offset (which reads the two strings character by character).
  return text.length === line.end - line.start && line.source.slice(line.start, line.end) === text;
}

/** The evidence this line gave when it was last read, or null when it is not remembered. */
export function recallLine(slots: readonly (RememberedLine | undefined)[], line: FoundLine): readonly Evidence[] | null {
  const remembered = slots[slotOf(slots, line)];
  if (remembered === undefined || remembered.isFirstLine !== line.isFirstLine || !sameText(remembered.text, line)) return null;
  return remembered.items;
}

export function rememberLine(slots: (RememberedLine | undefined)[], line: FoundLine, items: readonly Evidence[]): void {
  slots[slotOf(slots, line)] = {
    // A copy, not a slice: a slice keeps its whole message alive while the slot lasts.
    text: ` ${line.source.slice(line.start, line.end)}`.slice(1),
    isFirstLine: line.isFirstLine,
    items: Object.freeze(items.map((item) => Object.freeze(item))),
  };
}
