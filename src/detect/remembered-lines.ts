// Candidate lines remembered with the evidence they gave (often none): an agent writes the same
// trailer and marker lines on commit after commit ("Co-Authored-By: Claude <noreply@…>"), a
// project's people co-author commit after commit, and comparing a line with the one remembered
// in its slot (natively) costs far less than reading it again character by character.
import type { VerdictFields } from "./evidence.js";
import type { FoundLine } from "./lines.js";
import { frozenVerdict, mergeEvidence } from "./person-evidence.js";
import type { Evidence } from "./types.js";

export interface RememberedLine {
  readonly items: readonly Evidence[];
  /** The verdict of a commit whose only evidence is this line's; null when the line has none. */
  readonly verdict: VerdictFields | null;
}

/** What every remembered line without evidence shares (most of them: people's co-author trailers). */
const SILENT: RememberedLine = Object.freeze({ items: Object.freeze([]), verdict: null });

/**
 * Candidate lines remembered, one slot per index across parallel arrays: a slot's text is one
 * step from the arrays, and the record of a line without evidence is the one shared SILENT
 * (when a crawl's commits are not in the CPU's cache, each step to an object of its own is a
 * wait). An empty slot holds the empty text, which no candidate line is.
 */
export class RememberedLines {
  readonly texts: string[];
  /** 1 where the slot's line was its message's first line (firstLineOnly markers read those differently). */
  readonly firstLine: Uint8Array;
  readonly records: RememberedLine[];

  /** `size`: a power of two (a mask picks the slot). */
  constructor(size: number) {
    if (!(size > 0 && (size & (size - 1)) === 0)) throw new Error(`remembered lines: ${size} slots is not a power of two`);
    this.texts = new Array<string>(size).fill("");
    this.firstLine = new Uint8Array(size);
    this.records = new Array<RememberedLine>(size).fill(SILENT);
  }
}

/**
 * One slot per line, picked by its length, its first-or-not, and seven of its characters: the
 * fourth ("Co-authored-by" and "Co-Authored-By" differ there, so an agent's lines written in
 * two spellings do not take turns evicting each other), the 18th and 20th (a trailer's name),
 * the middle one, and three near the end (a trailer's address: its last character is always ">").
 */
function slotOf(size: number, line: FoundLine): number {
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
  return (hash + (line.isFirstLine ? 5 : 0)) & (size - 1);
}

/** The line as it was last read (with its evidence), or null when it is not remembered. */
export function recallLine(remembered: RememberedLines, line: FoundLine): RememberedLine | null {
  const slot = slotOf(remembered.texts.length, line);
  const text = remembered.texts[slot]!;
  // A slice of the message is a view (no copy) that === compares natively, faster than
  // startsWith at an offset (which reads the two strings character by character).
  if (text.length !== line.end - line.start || line.source.slice(line.start, line.end) !== text) return null;
  if ((remembered.firstLine[slot] === 1) !== line.isFirstLine) return null;
  return remembered.records[slot]!;
}

export function rememberLine(remembered: RememberedLines, line: FoundLine, found: readonly Evidence[]): RememberedLine {
  const slot = slotOf(remembered.texts.length, line);
  let record = SILENT;
  if (found.length !== 0) {
    const items = Object.freeze(found.map((item) => Object.freeze(item)));
    record = Object.freeze({ items, verdict: frozenVerdict(mergeEvidence(null, null, items)) });
  }
  // A copy, not a slice: a slice keeps its whole message alive while the slot lasts.
  remembered.texts[slot] = ` ${line.source.slice(line.start, line.end)}`.slice(1);
  remembered.firstLine[slot] = line.isFirstLine ? 1 : 0;
  remembered.records[slot] = record;
  return record;
}
