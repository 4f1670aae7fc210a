// `agent-census pushes [--requeue [ids...]] [--json]`: the pushes the store refused (dead letters),
// read from the database, with their last error; --requeue writes them again (all, or these ids)
// once their cause is fixed. Every other push was written when its delivery was answered.
import type { Command } from "commander";
import { loadConfig } from "../config.js";
import { deadLetteredPushes, pushStatus, requeueDeadLetters, type RequeueResult } from "../store/index.js";
import { openCrawlDatabase, positiveInteger } from "./crawl.js";
import { printJson, renderTable } from "./output.js";

interface PushesOptions {
  requeue?: true | number[];
  json?: boolean;
  schema?: string;
}

const DEAD_LETTERS_SHOWN = 100;

export function registerPushesCommand(command: Command): void {
  const id = positiveInteger("--requeue");
  command
    .option("--requeue [ids...]", "write dead letters again (all, or these ids), oldest first; those refused again stay with the new reason", (value: string, previous: true | number[] | undefined) => [...(Array.isArray(previous) ? previous : []), id(value)])
    .option("--json", "print as JSON")
    .option("--schema <name>", "Postgres schema of the store (default public)")
    .action(async (options: PushesOptions) => {
      const database = await openCrawlDatabase(loadConfig(), options);
      try {
        const requeued: RequeueResult | null = options.requeue === undefined ? null : await requeueDeadLetters(database, options.requeue === true ? undefined : options.requeue);
        const status = await pushStatus(database);
        const deadLetters = await deadLetteredPushes(database, DEAD_LETTERS_SHOWN);
        if (options.json) {
          printJson({ ...status, ...(requeued === null ? {} : { requeued }), deadLetters });
          return;
        }
        if (requeued !== null) console.log(`requeued: ${requeued.applied} push${requeued.applied === 1 ? "" : "es"} written, ${requeued.failed} refused again`);
        console.log(`pushes the store refused: ${status.deadLettered} dead letter${status.deadLettered === 1 ? "" : "s"}`);
        if (deadLetters.length > 0) {
          console.log(renderTable(["id", "repository", "received", "attempts", "last error"], deadLetters.map((dead) => [dead.id, dead.repoKey, dead.receivedAt.toISOString(), dead.attempts, (dead.error ?? "").slice(0, 120)])));
          console.log("after fixing the cause: agent-census pushes --requeue [ids...]");
        }
      } finally {
        await database.close();
      }
    });
}
