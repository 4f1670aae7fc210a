// `agent-census pushes [--requeue [ids...]] [--apply] [--json]`: the app's push inbox, read from
// the database: how many answered pushes wait to be applied (and since when), the dead letters
// with their last error, and what to do with them once their cause is fixed.
import type { Command } from "commander";
import { loadConfig } from "../config.js";
import { deadLetteredPushes, drainPushInbox, pushInboxStatus, requeueDeadLetters, type PushDrainResult } from "../store/index.js";
import { openCrawlDatabase, positiveInteger } from "./crawl.js";
import { printJson, renderTable } from "./output.js";

interface PushesOptions {
  requeue?: true | number[];
  apply?: boolean;
  json?: boolean;
  schema?: string;
}

const DEAD_LETTERS_SHOWN = 100;

export function registerPushesCommand(command: Command): void {
  const id = positiveInteger("--requeue");
  command
    .option("--requeue [ids...]", "make dead letters (all, or these ids) waiting pushes again, attempts reset", (value: string, previous: true | number[] | undefined) => [...(Array.isArray(previous) ? previous : []), id(value)])
    .option("--apply", "apply every waiting push now (with the app stopped, on the embedded database)")
    .option("--json", "print as JSON")
    .option("--schema <name>", "Postgres schema of the store (default public)")
    .action(async (options: PushesOptions) => {
      const database = await openCrawlDatabase(loadConfig(), options);
      try {
        const requeued = options.requeue === undefined ? null : await requeueDeadLetters(database, options.requeue === true ? undefined : options.requeue);
        const applied: PushDrainResult | null = options.apply ? await drainPushInbox(database) : null;
        const status = await pushInboxStatus(database);
        const deadLetters = await deadLetteredPushes(database, DEAD_LETTERS_SHOWN);
        if (options.json) {
          printJson({ ...status, ...(requeued === null ? {} : { requeued }), ...(applied ? { applied } : {}), deadLetters });
          return;
        }
        if (requeued !== null) console.log(`requeued ${requeued} dead letter${requeued === 1 ? "" : "s"}`);
        if (applied) console.log(`applied ${applied.applied} push${applied.applied === 1 ? "" : "es"} (${applied.failed} failed, to be tried again; ${applied.deadLettered} became dead letters)`);
        const since = status.oldestPendingAt ? `, the oldest received ${status.oldestPendingAt.toISOString()}` : "";
        console.log(`push inbox: ${status.pending} waiting to be applied${since}; ${status.deadLettered} dead letter${status.deadLettered === 1 ? "" : "s"}`);
        if (deadLetters.length > 0) {
          console.log(renderTable(["id", "repository", "received", "attempts", "last error"], deadLetters.map((dead) => [dead.id, dead.repoKey, dead.receivedAt.toISOString(), dead.attempts, (dead.error ?? "").slice(0, 120)])));
          console.log("after fixing the cause: agent-census pushes --requeue [ids...]");
        }
      } finally {
        await database.close();
      }
    });
}
