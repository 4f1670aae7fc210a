// Candidate lines remembered with the evidence they gave (often none): an agent writes the same
// trailer and marker lines on commit after commit ("Co-Authored-By: Claude <noreply@…>"), a
// project's people co-author commit after commit, and comparing a line with the one remembered
// in its slot (natively) costs far less than reading it again character by character.
import type { VerdictFields } from "./evidence.js";
import type { FoundLine } from "./lines.js";
import { frozenVerdict, mergeEvidence } from "./person-evidence.js";
import type { Evidence } from "./types.js";

export interface RememberedLine {
  readonly text: string;
  /** firstLineOnly markers make the first line read differently. */
  readonly isFirstLine: boolean;
  readonly items: readonly Evidence[];
  /** The verdict of a commit whose only evidence is this line's; null when the line has none. */
  readonly verdict: VerdictFields | null;
}

/**
 * One slot per line, picked by its length, its first-or-not, and seven of its characters: the
 * fourth ("Co-authored-by" and "Co-Authored-By" differ there, so an agent's lines written in
 * two spellings do not take turns evicting each other), the 18th and 20th (a trailer's name),
 * the middle one, and three near the end (a trailer's address: its last character is always ">").
 */
function slotOf(slots: readonly unknown[], line: FoundLine): number {
  const { source, start, end } = line;
  const length = end - start;
  if (length < 20) return length;
  let hash = length;
  hash = (hash * 31 + source.charCodeAt(start + 3)) | 0;
  hash = (hash * 31 + source.charCodeAt(start + (length >> 1))) | 0;
  hash = (hash * 31 + source.charCodeAt(end - 3)) | 0;
  hash = (hash * 31 + source.charCodeAt(end - 5)) | 0;
  hash = (hash * 31 + source.charCodeAt(end - 9)) | 0;
  hash = (hash * 31 + source.charCodeAt(start + 17)) | 0;
  hash = (hash * 31 + source.charCodeAt(start + 19)) | 0;
  // A power of two of slots (compile.ts): the mask picks one.
  return (hash + (line.isFirstLine ? 5 : 0)) & (slots.length - 1);
}

function sameText(text: string, line: FoundLine): boolean {
  // A slice of the message is a view (no copy) that === compares natively, faster than
  // startsWith at an offset (which reads the two strings character by character).
  return text.length === line.end - line.start && line.source.slice(line.start, line.end) === text;
}

/** The line as it was last read (with its evidence), or null when it is not remembered. */
export function recallLine(slots: readonly (RememberedLine | undefined)[], line: FoundLine): RememberedLine | null {
  const remembered = slots[slotOf(slots, line)];
  if (remembered === undefined || remembered.isFirstLine !== line.isFirstLine || !sameText(remembered.text, line)) return null;
  return remembered;
}

export function rememberLine(slots: (RememberedLine | undefined)[], line: FoundLine, found: readonly Evidence[]): RememberedLine {
  const items = Object.freeze(found.map((item) => Object.freeze(item)));
  const remembered: RememberedLine = {
    // A copy, not a slice: a slice keeps its whole message alive while the slot lasts.
    text: ` ${line.source.slice(line.start, line.end)}`.slice(1),
    isFirstLine: line.isFirstLine,
    items,
    verdict: frozenVerdict(mergeEvidence(null, null, items)),
  };
  slots[slotOf(slots, line)] = remembered;
  return remembered;
}
