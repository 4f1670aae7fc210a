// `agent-census serve`: the dashboard, /api/v1 and badges over the store, read-only, without a
// GitHub App — for a researcher publishing a crawl, or a look at what `scan` stored.
import type { Command } from "commander";
import { loadConfig } from "../config.js";
import { startDashboardServer } from "./dashboard-server.js";
import { openMigratedDatabase } from "./database.js";
import { positiveInteger } from "./arguments.js";

interface ServeOptions {
  port?: number;
  host?: string;
}

export function registerServeCommand(command: Command): void {
  command
    .option("--port <n>", "port to listen on (default PORT, 3000)", positiveInteger("--port"))
    .option("--host <address>", "address to listen on (default HOST, all)")
    .action(async (options: ServeOptions) => {
      const config = loadConfig();
      const database = await openMigratedDatabase();
      const server = await startDashboardServer({ database, port: options.port ?? config.port, ...((options.host ?? config.host) ? { host: options.host ?? config.host } : {}) });
      console.log(`agent-census dashboard on http://${options.host ?? config.host ?? "localhost"}:${server.port} (read-only; Ctrl-C to stop)`);
      await new Promise<void>((resolve) => {
        process.once("SIGINT", resolve);
        process.once("SIGTERM", resolve);
      });
      await server.close();
      await database.close();
    });
}
