// `agent-census migrate`: apply the SQL migrations (start, worker and scan also do it on boot).
import type { Command } from "commander";
import { openMigratedDatabase } from "./database.js";

export function registerMigrateCommand(program: Command): void {
  program
    .command("migrate")
    .description("apply the database migrations (DATABASE_URL, or the embedded database in DATA_DIR)")
    .action(async () => {
      const database = await openMigratedDatabase();
      await database.close();
      console.log(`migrations applied (${database.kind === "pg" ? "Postgres" : "embedded PGlite"})`);
    });
}
