// A trie of texts read from their end, for "could this address or login end like one the
// catalog knows?" in a few character reads, without hashing or building a string.
// Lower-case ASCII only: anything else makes the answer "maybe", which is always safe.

const ALPHABET = 128;

export interface SuffixTrie {
  /** Child node index per (node, character): children[node * 128 + code], 0 = none. */
  readonly children: Int32Array;
  /** 1 where a text of the trie ends (read backwards: where it starts). */
  readonly complete: Uint8Array;
}

export function buildSuffixTrie(texts: Iterable<string>): SuffixTrie {
  const lower = [...new Set([...texts].map((text) => text.toLowerCase()))];
  const capacity = 1 + lower.reduce((sum, text) => sum + text.length, 0);
  const children = new Int32Array(capacity * ALPHABET);
  const complete = new Uint8Array(capacity);
  let nodes = 1;
  for (const text of lower) {
    let node = 0;
    for (let i = text.length - 1; i >= 0; i--) {
      const code = text.charCodeAt(i);
      if (code >= ALPHABET) throw new Error(`suffix trie: not ASCII: ${text}`);
      const slot = node * ALPHABET + code;
      if (children[slot] === 0) children[slot] = nodes++;
      node = children[slot]!;
    }
    complete[node] = 1;
  }
  return { children: children.slice(0, nodes * ALPHABET), complete: complete.slice(0, nodes) };
}

/**
 * True when text[start, end) — trailing spaces ignored, any case — ends with one of the trie's
 * texts, or holds a character the trie cannot judge. False means: certainly none of them.
 */
export function mayEndWithAny(trie: SuffixTrie, text: string, start: number, end: number): boolean {
  let index = end;
  while (index > start && text.charCodeAt(index - 1) <= 0x20) index--;
  let node = 0;
  while (index > start) {
    let code = text.charCodeAt(--index);
    if (code >= ALPHABET) return true;
    if (code >= 0x41 && code <= 0x5a) code += 0x20;
    node = trie.children[node * ALPHABET + code]!;
    if (node === 0) return false;
    if (trie.complete[node] === 1) return true;
  }
  return false;
}
