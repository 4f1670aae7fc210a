// review.csv: sampled evidence for a person to mark, and the verdicts read back. The file holds
// what a reviewer needs to judge a match (the matched text, where it was found, a link) and
// nothing the store does not keep (no message bodies, no email addresses beyond a matched marker).

import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import type { SampledEvidence, SignalReview } from "../../store/index.js";
import { InvalidReviewFileError } from "../errors.js";

export const reviewColumns = ["signal", "agent", "channel", "repository", "link", "ref", "matched", "repo_id", "correct", "note"] as const;

const githubLike = (host: string) => host !== "git";

/** Where a reviewer can see the evidence: the commit, the pull request, or the file on GitHub. */
export function evidenceLink(e: SampledEvidence): string {
  if (!githubLike(e.host)) return e.url ?? "";
  const repo = `https://${e.host}/${encodeURIComponent(e.owner)}/${encodeURIComponent(e.name)}`;
  if (e.channel === "commit") return `${repo}/commit/${e.ref}`;
  if (e.channel === "pr") return `${repo}/pull/${e.ref}`;
  return `${repo}/blob/HEAD/${e.ref.split("/").map(encodeURIComponent).join("/")}`;
}

export function renderReviewCsv(sample: readonly SampledEvidence[]): string {
  return stringify(
    sample.map((e) => [e.signal, e.agent, e.channel, `${e.owner}/${e.name}`, evidenceLink(e), e.ref, e.matched, e.repoId, "", ""]),
    { header: true, columns: [...reviewColumns] },
  );
}

const yes = new Set(["yes", "y", "true", "1", "correct", "✓"]);
const no = new Set(["no", "n", "false", "0", "wrong", "incorrect", "✗"]);

export interface ParsedReviews {
  reviews: SignalReview[];
  /** Rows left blank in the `correct` column (not reviewed yet). */
  unmarked: number;
}

/** Reads a review.csv; `correct` is yes/no (y/n, true/false, 1/0, correct/wrong), blank = not reviewed. */
export function parseReviewCsv(text: string): ParsedReviews {
  let rows: Array<Record<string, string>>;
  try {
    rows = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Array<Record<string, string>>;
  } catch (error) {
    throw new InvalidReviewFileError(`review file is not valid CSV: ${(error as Error).message}`);
  }
  const reviews: SignalReview[] = [];
  let unmarked = 0;
  rows.forEach((row, index) => {
    const line = index + 2;
    for (const column of ["signal", "agent", "channel", "ref", "matched", "repo_id", "correct"]) {
      if (!(column in row)) throw new InvalidReviewFileError(`review file has no "${column}" column (write it with \`agent-census audit sample\`)`);
    }
    const mark = (row.correct ?? "").toLowerCase();
    if (mark === "") {
      unmarked += 1;
      return;
    }
    if (!yes.has(mark) && !no.has(mark)) throw new InvalidReviewFileError(`line ${line}: correct must be yes or no, got "${row.correct}"`);
    const channel = row.channel;
    if (channel !== "commit" && channel !== "pr" && channel !== "config") throw new InvalidReviewFileError(`line ${line}: channel must be commit, pr or config, got "${channel}"`);
    const repoId = Number(row.repo_id);
    if (!Number.isSafeInteger(repoId) || repoId <= 0) throw new InvalidReviewFileError(`line ${line}: repo_id must be the store's repository id, got "${row.repo_id}"`);
    reviews.push({ signal: row.signal!, agent: row.agent!, channel, repoId, ref: row.ref!, matched: row.matched!, correct: yes.has(mark) });
  });
  return { reviews, unmarked };
}
