// The push spool (PGlite only). PGlite runs the database on the app's own thread, so every
// transaction that acknowledges a delivery is time no other delivery advances: a burst is
// answered at the speed of PGlite's inserts. A delivery's push is instead appended to a file in
// the database's folder (one synchronous write: written to the operating system before the
// delivery is answered, the same promise PGlite gives, whose fsync is off) and imported into
// push_inbox later, in batches, by the applier. In memory (tests, `memory://`) the spool is an
// array and nothing survives the process, as with the database itself.
//
// Exactly once: pushes are numbered in the spool, and the import inserts them into push_inbox and
// raises push_spool_mark in ONE transaction. After a crash, the next process re-reads the file and
// imports only the numbers above the mark. A last line cut short by a crash was never
// acknowledged (the write had not returned) and is dropped.
//
// The file is emptied whenever everything in it has been imported, and rewritten with only the
// pushes still waiting when it grows past COMPACT_BYTES while never empty (a long busy stretch).

import { closeSync, existsSync, ftruncateSync, openSync, readFileSync, renameSync, writeSync, fsyncSync } from "node:fs";
import type { EncodedPush } from "./push-inbox-records.js";

/** A push waiting in the spool, as its line (the line's JSON is what the import sends). */
export interface SpooledPush {
  seq: number;
  /** `{"s":seq,"k":repoKey,"t":receivedAtMs,"p":push}`: parsed again only by the import's SQL. */
  line: string;
  receivedAt: number;
}

const COMPACT_BYTES = 64 * 1024 * 1024;

export class PushSpoolClosedError extends Error {
  constructor() {
    super("the push spool is closed (the store was closed): the push was not accepted");
  }
}

export class PushSpool {
  private fd: number | null = null;
  private closed = false;
  private bytes = 0;
  /** Pushes written and not imported, in number order. */
  private pending: SpooledPush[] = [];
  /** Until the first recover(), the file is not touched (a CLI command that opens the store never uses it). */
  private recovered = false;
  private nextSeq = 1;
  /** Lines the file held that were not a whole push (a crash's cut-off last line). */
  readonly dropped: string[] = [];
  /** Synchronous file writes so far, and the pushes they held (the benchmark reports them). */
  writes = 0;
  written = 0;
  /** Imports run one at a time: two could otherwise both take the same oldest pushes. */
  private importing: Promise<unknown> = Promise.resolve();

  /** `path` null: in memory. `compactBytes`: the file size past which a never-empty file is rewritten. */
  constructor(
    readonly path: string | null,
    private readonly compactBytes = COMPACT_BYTES,
  ) {}

  /** True until the first recover(): appends wait for it (pushes must be numbered above the file's). */
  get needsRecovery(): boolean {
    return !this.recovered;
  }

  /**
   * Reads what a previous process left, and takes the database's mark: lines at or below it were
   * imported before; the rest wait. Then opens the file for appending.
   */
  recover(importedThrough: number): void {
    if (this.recovered || this.closed) return;
    const left = this.path === null ? [] : readSpoolFile(this.path, this.dropped);
    if (this.path !== null) {
      // Rewrite what was read (without a cut-off line) so new lines never join a partial one.
      if (this.dropped.length > 0) this.rewrite(left);
      this.fd = openSync(this.path, "a", 0o600); // it names repositories, private ones too
      this.bytes = left.reduce((sum, push) => sum + Buffer.byteLength(push.line) + 1, 0);
    }
    const highest = left.reduce((max, push) => Math.max(max, push.seq), importedThrough);
    this.pending = left.filter((push) => push.seq > importedThrough);
    this.nextSeq = highest + 1;
    this.recovered = true;
    this.settleFile();
  }

  /** Pushes waiting to be imported. */
  get size(): number {
    return this.pending.length;
  }

  get oldestReceivedAt(): number | null {
    return this.pending[0]?.receivedAt ?? null;
  }

  /** Writes pushes (one write for all); they are safe once this returns. Throws when it could not. */
  append(pushes: ReadonlyArray<{ key: string; push: EncodedPush }>, now = Date.now()): void {
    if (this.closed) throw new PushSpoolClosedError();
    if (!this.recovered) throw new Error("the push spool was not recovered yet");
    const spooled = pushes.map(({ key, push }, i): SpooledPush => {
      const seq = this.nextSeq + i;
      return { seq, receivedAt: now, line: JSON.stringify({ s: seq, k: key, t: now, p: push }) };
    });
    if (this.fd !== null) {
      const buffer = Buffer.from(spooled.map((push) => `${push.line}\n`).join(""));
      try {
        writeFully(this.fd, buffer);
      } catch (error) {
        // A partial write may have reached the file: cut it off, so the file holds whole lines only.
        try {
          ftruncateSync(this.fd, this.bytes);
        } catch {
          // The file is unusable; the lines read back at the next start stop at the cut.
        }
        throw error;
      }
      this.bytes += buffer.length;
      this.writes++;
    }
    this.nextSeq += spooled.length;
    this.written += spooled.length;
    this.pending.push(...spooled);
  }

  /** Runs `work` after every import started before it (whichever handle on the database started it). */
  exclusively<T>(work: () => Promise<T>): Promise<T> {
    const run = this.importing.then(work, work);
    this.importing = run.catch(() => undefined);
    return run;
  }

  /** The oldest `limit` waiting pushes (the applier imports them). */
  peek(limit: number): SpooledPush[] {
    return this.pending.slice(0, limit);
  }

  /** The import committed everything numbered up to `seq`: forget it, and shrink the file. */
  imported(seq: number): void {
    let n = 0;
    while (n < this.pending.length && this.pending[n]!.seq <= seq) n++;
    this.pending.splice(0, n);
    this.settleFile();
  }

  private settleFile(): void {
    if (this.fd === null) return;
    if (this.pending.length === 0) {
      if (this.bytes > 0) ftruncateSync(this.fd, 0);
      this.bytes = 0;
    } else if (this.bytes > this.compactBytes) {
      closeSync(this.fd);
      this.fd = null;
      this.rewrite(this.pending);
      this.fd = openSync(this.path!, "a", 0o600);
    }
  }

  /** Replaces the file by these lines: a new file renamed over the old one (never half of each). */
  private rewrite(pushes: readonly SpooledPush[]): void {
    const path = this.path!;
    const temporary = `${path}.rewrite`;
    const fd = openSync(temporary, "w", 0o600);
    try {
      const buffer = Buffer.from(pushes.map((push) => `${push.line}\n`).join(""));
      writeFully(fd, buffer);
      fsyncSync(fd);
      this.bytes = buffer.length;
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  }

  close(): void {
    this.closed = true;
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

function writeFully(fd: number, buffer: Buffer): void {
  for (let offset = 0; offset < buffer.length; ) offset += writeSync(fd, buffer, offset, buffer.length - offset);
}

/** The whole lines of a spool file; anything else (a cut-off line) goes to `dropped`. */
function readSpoolFile(path: string, dropped: string[]): SpooledPush[] {
  if (!existsSync(path)) return [];
  const text = readFileSync(path, "utf8");
  const lines = text.split("\n");
  const last = lines.pop(); // "" after a final newline; otherwise a line the crash cut short
  if (last) dropped.push(last);
  const pushes: SpooledPush[] = [];
  for (const line of lines) {
    if (line === "") continue;
    const parsed = parseLine(line);
    if (parsed) pushes.push(parsed);
    else dropped.push(line);
  }
  return pushes;
}

function parseLine(line: string): SpooledPush | null {
  try {
    const value = JSON.parse(line) as { s?: unknown; k?: unknown; t?: unknown; p?: unknown };
    if (typeof value.s !== "number" || typeof value.k !== "string" || typeof value.t !== "number" || typeof value.p !== "object" || value.p === null) return null;
    return { seq: value.s, line, receivedAt: value.t };
  } catch {
    return null;
  }
}
