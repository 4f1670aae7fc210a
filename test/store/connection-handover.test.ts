// A connection the server ends in the same network chunk that finished its start-up (a server
// shutting down, an operator terminating sessions) must fail the write, not the process: the
// store listens on a pooled connection from the moment the pool hands it over (checkOut).
import { createServer, type Server, type Socket } from "node:net";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { inTransaction } from "../../src/store/sql.js";
import type { Database } from "../../src/store/index.js";

function message(type: string, body: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeInt32BE(body.length + 4);
  return Buffer.concat([Buffer.from(type), length, body]);
}

/** Answers any start-up with "ready", and in the same write a FATAL 57P01, then hangs up. */
function terminatingServer(): Promise<{ server: Server; port: number }> {
  const server = createServer((socket: Socket) => {
    socket.once("data", () => {
      const authenticationOk = message("R", Buffer.from([0, 0, 0, 0]));
      const ready = message("Z", Buffer.from("I"));
      const fatal = message("E", Buffer.from("SFATAL\0VFATAL\0C57P01\0Mterminating connection due to administrator command\0\0", "latin1"));
      socket.end(Buffer.concat([authenticationOk, ready, fatal]));
    });
    socket.on("error", () => undefined);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, port: (server.address() as { port: number }).port })));
}

describe("a pooled connection ended as it is handed over", () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => cleanup?.());

  it("fails the transaction with the server's error and leaves the process running", async () => {
    const { server, port } = await terminatingServer();
    const pool = new pg.Pool({ connectionString: `postgres://test@127.0.0.1:${port}/test`, max: 1 });
    pool.on("error", () => undefined);
    cleanup = async () => {
      await pool.end().catch(() => undefined);
      await new Promise((resolve) => server.close(resolve));
    };
    const database = { kind: "pg", pool } as unknown as Database;
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on("uncaughtException", onUncaught);
    try {
      await expect(inTransaction(database, async (tx) => tx)).rejects.toThrow();
      // Give the socket's end and any late event a turn.
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      process.off("uncaughtException", onUncaught);
    }
    expect(uncaught).toEqual([]);
  });
});
