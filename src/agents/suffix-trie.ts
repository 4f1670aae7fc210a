// A trie of texts read from their end, for "could this address or login end like one the
// catalog knows?" in a few character reads, without hashing or building a string.
// Lower-case ASCII only: anything else makes the answer "maybe", which is always safe.

const ASCII = 128;

/** A text of the trie; `mark` bits are reported for texts that only mark a way (not complete). */
export interface SuffixEntry {
  text: string;
  complete: boolean;
  mark?: number;
}

export interface SuffixTrie {
  /**
   * The characters the texts use, numbered from 1 (0: a character no text has). Rows stay
   * short (a few dozen entries), so the nodes a walk visits sit in a few cache lines.
   */
  readonly letter: Uint8Array;
  readonly width: number;
  /** Child node index per (node, letter): children[node * width + letter], 0 = none. */
  readonly children: Int32Array;
  /** 1 where a complete text of the trie ends (read backwards: where it starts). */
  readonly complete: Uint8Array;
  readonly marks: Uint8Array;
}

/** walkSuffixes' answer when the text may end with one of the trie's complete texts. */
export const MAYBE = -1;

export function buildSuffixTrie(entries: Iterable<SuffixEntry>): SuffixTrie {
  const all = [...entries].map((entry) => ({ ...entry, text: entry.text.toLowerCase() }));
  const letter = new Uint8Array(ASCII);
  let width = 1;
  for (const { text } of all) {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code >= ASCII || code <= 0x20) throw new Error(`suffix trie: not printable ASCII: ${text}`);
      if (letter[code] === 0) letter[code] = width++;
    }
  }
  const capacity = 1 + all.reduce((sum, entry) => sum + entry.text.length, 0);
  const children = new Int32Array(capacity * width);
  const complete = new Uint8Array(capacity);
  const marks = new Uint8Array(capacity);
  let nodes = 1;
  for (const { text, complete: isComplete, mark } of all) {
    let node = 0;
    for (let i = text.length - 1; i >= 0; i--) {
      const slot = node * width + letter[text.charCodeAt(i)]!;
      if (children[slot] === 0) children[slot] = nodes++;
      node = children[slot]!;
    }
    if (isComplete) complete[node] = 1;
    marks[node]! |= mark ?? 0;
  }
  return { letter, width, children: children.slice(0, nodes * width), complete: complete.slice(0, nodes), marks: marks.slice(0, nodes) };
}

/**
 * Reads text[start, end) from its end (trailing spaces skipped, any case). MAYBE when it ends
 * with one of the trie's complete texts or holds a character the trie cannot judge; otherwise
 * the marks of the texts it does end with (0: certainly none of them).
 */
export function walkSuffixes(trie: SuffixTrie, text: string, start: number, end: number): number {
  let index = end;
  while (index > start && text.charCodeAt(index - 1) <= 0x20) index--;
  let node = 0;
  let marks = 0;
  while (index > start) {
    let code = text.charCodeAt(--index);
    // Outside printable ASCII (or a space inside): a case trim() or lower-casing may change.
    if (code >= ASCII || code <= 0x20) return MAYBE;
    if (code >= 0x41 && code <= 0x5a) code += 0x20;
    const letter = trie.letter[code]!;
    if (letter === 0) return marks;
    node = trie.children[node * trie.width + letter]!;
    if (node === 0) return marks;
    if (trie.complete[node] === 1) return MAYBE;
    marks |= trie.marks[node]!;
  }
  return marks;
}
