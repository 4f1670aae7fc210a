import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { streamGitRecordBatches, streamGitRecordText } from "../../../src/sources/git/run-git.js";
import { fastImport, type ReplayCommit } from "./fast-import.js";
import { collect, git, initRepo, removeDir, tempDir } from "./repo-helpers.js";

// Several pipe chunks of output: short messages, multi-byte characters everywhere (so a block
// edge can fall next to one), and one message far larger than a chunk or a block.
function history(): ReplayCommit[] {
  return Array.from({ length: 1500 }, (_, i) => {
    const date = new Date(Date.UTC(2025, 9, 1) + i * 60_000).toISOString().replace(".000Z", "+00:00");
    const person = { name: `Zoë ${i}`, email: `z${i}@example.com`, date };
    const message = i === 700 ? `huge ✓\n\n${"añ€😀".repeat(40_000)}` : `change ${i} ${"é".repeat(i % 90)}`;
    return { author: person, committer: person, message, parents: i === 0 ? [] : [i - 1] };
  });
}

describe("streaming git's records", () => {
  let root: string;
  let dir: string;
  const args = ["log", "-z", "--format=%H%x1f%an%x1f%B", "HEAD"];
  beforeAll(() => {
    root = tempDir();
    dir = initRepo(`${root}/records`);
    fastImport(dir, history());
  });
  afterAll(() => removeDir(root));

  it("block-buffered reads yield the same text as plain reads, in blocks of whole NUL-terminated records", async () => {
    const buffered = await collect(streamGitRecordText(dir, args, { blockBuffered: true }));
    const plain = await collect(streamGitRecordText(dir, args));
    expect(buffered.join("")).toBe(plain.join(""));
    for (const block of buffered) {
      expect(block.endsWith("\0")).toBe(true);
      // Small enough to stay out of V8's large-object space, unless one record is larger.
      const oneRecord = block.indexOf("\0") === block.length - 1;
      expect(oneRecord || Buffer.byteLength(block) <= 32 * 1024).toBe(true);
    }
    const records = buffered.join("").split("\0").slice(0, -1);
    expect(records).toHaveLength(1500);
    expect(records.filter((record) => record.includes("huge ✓"))[0]).toContain("añ€😀".repeat(40_000));
    expect(records.every((record) => !record.includes("\uFFFD"))).toBe(true);
  });

  it("the last record, which git leaves unterminated, comes as a record like the others", async () => {
    const shas = (await collect(streamGitRecordBatches(dir, ["log", "-z", "--format=%H", "HEAD"]))).flat();
    expect(shas).toEqual(git(dir, ["rev-list", "HEAD"]).trim().split("\n"));
  });
});
