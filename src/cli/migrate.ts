// `agent-census migrate`: apply the SQL migrations (start, worker and scan also do it on boot).
import type { Command } from "commander";
import { openMigratedDatabase } from "./database.js";

export function registerMigrateCommand(command: Command): void {
  command
    .action(async () => {
      const database = await openMigratedDatabase();
      await database.close();
      console.log(`migrations applied (${database.kind === "pg" ? "Postgres" : "embedded PGlite"})`);
    });
}
