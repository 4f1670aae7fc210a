// Finds the lines of a text that may hold evidence, in one pass over the text.
//
// Every trailer and marker the catalog knows starts its line (after whitespace, emoji or
// bullets), so the scan jumps from line start to line start with the native indexOf("\n")
// and looks closer only where a line starts with a needle. A candidate line is handed over
// as offsets into the text, not as a new string: most candidates (people's Co-authored-by
// trailers) are dismissed without building one. That keeps the whole catalog near the cost
// of one plain regular-expression pass, and linear on any input: each character is read a
// bounded number of times, decoration skipping is capped, and lines are capped in length
// before any per-line pattern runs.

export const MAX_LINE_LENGTH = 1_000;
const MAX_DECORATION = 16;

/**
 * A candidate line, as offsets into the scanned text. The visitor gets one object, reused for
 * every line of a scan: read it during visitLine, never keep it.
 */
export interface FoundLine {
  source: string;
  /** The line is source[start, end): without its end-of-line characters, capped at MAX_LINE_LENGTH. */
  start: number;
  end: number;
  isFirstLine: boolean;
  /** The (lower-cased) needle the line starts with, after its decoration. */
  needle: string;
  /** Where the needle starts in `source`. */
  needleAt: number;
}

/** The candidate line's text (a new string: only for lines that turned out to be evidence). */
export function lineText(line: FoundLine): string {
  return line.source.slice(line.start, line.end);
}

/**
 * Lower-cased needles bucketed by first character, plus a 128-entry table of the characters
 * a candidate line may start with (a needle's first letter in either case, or decoration),
 * and tables of the first three characters needles start with ("co-", "gen", …): most lines
 * that start with a needle's first letters ("Consolidate …", "Merge …", "copy") are dismissed
 * by three lookups, before the line is compared with anything.
 */
export interface LineStartTable {
  readonly mayStart: Uint8Array;
  /**
   * At [first * 128 + second] (ASCII, in any case): 0 when no needle starts so, otherwise the
   * row of mayFollowPair that says which third characters may follow.
   */
  readonly pairRow: Uint8Array;
  /**
   * 1 at [row * PAIR_ROW_WIDTH + third] when some needle of that pair goes on with `third` (ASCII,
   * in any case); index 128 stands for any other character and for the text's end. A needle of
   * two characters fills its row with 1.
   */
  readonly mayFollowPair: Uint8Array;
  readonly buckets: readonly (readonly string[] | undefined)[];
  /** 1 for the ASCII characters isDecoration accepts, but the line break. */
  readonly decoration: Uint8Array;
}

/** A row of LineStartTable.mayFollowPair: the 128 ASCII characters, then "anything else". */
export const PAIR_ROW_WIDTH = 129;
/** The last row a byte can name: needle beginnings past the 254th share it. */
const SHARED_ROW = 255;

export function buildLineStartTable(needles: Iterable<string>): LineStartTable {
  const buckets: string[][] = [];
  const mayStart = new Uint8Array(128);
  const pairRow = new Uint8Array(128 * 128);
  const decoration = new Uint8Array(128);
  // An empty line ("\n" at its start) holds nothing: only decoration and first letters count.
  for (let code = 0; code < 128; code++) if (code !== 0x0a && isDecoration(code)) decoration[code] = mayStart[code] = 1;
  const lowered = [...new Set([...needles].map((needle) => needle.toLowerCase()))];
  let rows = 0;
  for (const raw of lowered) {
    const code = raw.charCodeAt(0);
    if (!(code >= 0x61 && code <= 0x7a)) throw new Error(`a line needle must start with a letter: ${raw}`);
    if (raw.length < 2 || raw.charCodeAt(1) >= 128) throw new Error(`a line needle must start with two ASCII characters: ${raw}`);
    (buckets[code] ??= []).push(raw);
    mayStart[code] = 1;
    mayStart[code - 0x20] = 1;
    const pair = code * 128 + raw.charCodeAt(1);
    // A row per beginning, in a byte: past 254 beginnings (a very large custom catalog) the
    // rest share row 255, which lets through the third characters of all of them (more lines
    // offered, none lost).
    if (pairRow[pair] === 0) pairRow[pair] = rows < SHARED_ROW ? ++rows : SHARED_ROW;
  }
  for (const bucket of buckets) bucket?.sort((a, b) => b.length - a.length);
  const mayFollowPair = new Uint8Array((rows + 1) * PAIR_ROW_WIDTH);
  for (const raw of lowered) {
    const row = pairRow[raw.charCodeAt(0) * 128 + raw.charCodeAt(1)]! * PAIR_ROW_WIDTH;
    const third = raw.charCodeAt(2);
    // Two characters: anything may follow. Beyond ASCII: the "anything else" column.
    if (raw.length === 2) mayFollowPair.fill(1, row, row + PAIR_ROW_WIDTH);
    else if (third >= 128) mayFollowPair[row + 128] = 1;
    else mayFollowPair[row + third] = mayFollowPair[row + upperAscii(third)] = 1;
  }
  // Both letters in either case, so the scan looks a pair up as it reads it.
  for (let first = 0x61; first <= 0x7a; first++) {
    for (let second = 0; second < 128; second++) {
      const row = pairRow[first * 128 + second]!;
      if (row === 0) continue;
      pairRow[upperAscii(first) * 128 + second] = row;
      pairRow[first * 128 + upperAscii(second)] = row;
      pairRow[upperAscii(first) * 128 + upperAscii(second)] = row;
    }
  }
  return { mayStart, pairRow, mayFollowPair, buckets, decoration };
}

function upperAscii(code: number): number {
  return code >= 0x61 && code <= 0x7a ? code - 0x20 : code;
}

function lowerAscii(code: number): number {
  return code >= 0x41 && code <= 0x5a ? code + 0x20 : code;
}

function startsWithIgnoreCase(text: string, at: number, needle: string): boolean {
  if (at + needle.length > text.length) return false;
  for (let i = 0; i < needle.length; i++) {
    if (lowerAscii(text.charCodeAt(at + i)) !== needle.charCodeAt(i)) return false;
  }
  return true;
}

/** The (longest) needle the text holds at `at`, or null. */
function needleAt(text: string, at: number, table: LineStartTable): string | null {
  const bucket = table.buckets[lowerAscii(text.charCodeAt(at))];
  if (!bucket) return null;
  for (const needle of bucket) if (startsWithIgnoreCase(text, at, needle)) return needle;
  return null;
}

/** Receives each candidate line; an object rather than a closure so the hot path allocates nothing. */
export interface LineVisitor {
  /**
   * Optional: offered each line that may be a candidate (its first three characters begin a needle)
   * before its needle is read; `needle` and `needleAt` are not set yet. True when the visitor
   * knows the line already (it remembers lines it was given): the scan then goes on without
   * reading it, and never calls visitLine for it.
   */
  knownLine?(line: FoundLine): boolean;
  visitLine(line: FoundLine): void;
}

export function forEachCandidateLine(text: string, table: LineStartTable, visitor: LineVisitor): void {
  // The hot loop of the whole detector: everything it reads is in a local.
  const { mayStart, pairRow, mayFollowPair, decoration } = table;
  const length = text.length;
  // Created for the first candidate line only: most messages have none.
  let found: FoundLine | null = null;
  let start = 0;
  while (start < length) {
    let code = text.charCodeAt(start);
    // A third of a long message's lines are empty: their end is known without a search.
    if (code === 0x0a) {
      start++;
      continue;
    }
    const newline = text.indexOf("\n", start);
    // Most lines start with a letter no needle starts with: one table lookup dismisses them.
    if (code >= 0x80 || mayStart[code] === 1) {
      // Skip the decoration (each character read once), then look the first three characters
      // up: bullets, indented prose ("- Fix …", "  * Add …") and most words that merely begin
      // like a needle ("Consolidate", "Make") end here.
      // Every read below stays inside the text: a read past its end (NaN) makes V8 give up
      // inlining charCodeAt here for good, and every later read becomes a call.
      let at = start;
      if (code >= 0x80 || decoration[code] === 1) {
        const limit = Math.min(length - 1, start + MAX_DECORATION);
        while (at < limit) {
          at++;
          code = text.charCodeAt(at);
          if (code < 0x80 && decoration[code] !== 1) break;
        }
      }
      const second = at + 1 < length ? text.charCodeAt(at + 1) : 128;
      const row = code < 128 && second < 128 ? pairRow[code * 128 + second]! : 0;
      // The text's end reads as "anything else" (column 128).
      const third = row === 0 || at + 2 >= length ? 128 : text.charCodeAt(at + 2);
      if (row !== 0 && mayFollowPair[row * PAIR_ROW_WIDTH + (third < 128 ? third : 128)] === 1) {
        let end = Math.min(newline < 0 ? length : newline, start + MAX_LINE_LENGTH);
        if (text.charCodeAt(end - 1) === 0x0d) end--;
        found ??= { source: text, start: 0, end: 0, isFirstLine: true, needle: "", needleAt: 0 };
        found.start = start;
        found.end = end;
        found.isFirstLine = start === 0;
        if (visitor.knownLine?.(found) !== true) {
          const needle = needleAt(text, at, table);
          if (needle !== null) {
            found.needle = needle;
            found.needleAt = at;
            visitor.visitLine(found);
          }
        }
      }
    }
    if (newline < 0) return;
    start = newline + 1;
  }
}

function isDecoration(code: number): boolean {
  // Whitespace, ASCII punctuation other than "[" (markdown links start markers), and anything
  // outside ASCII (emoji, bullets). Letters and digits end the decoration.
  if (code >= 0x80) return true;
  if ((code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) return false;
  return code !== 0x5b;
}

/**
 * Drops what agents put before a marker: whitespace, emoji, bullets, quote marks.
 * "🤖 Generated with [Claude Code](…)" → "Generated with [Claude Code](…)".
 */
export function stripLeadingDecoration(line: string): string {
  let index = 0;
  while (index < line.length && index < MAX_DECORATION && isDecoration(line.charCodeAt(index))) index++;
  return line.slice(index);
}
