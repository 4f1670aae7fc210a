// Mounts the public routes on a bare node:http server on 127.0.0.1:0, as the tests' stand-in for
// the Probot app; anything the routes do not claim answers 418 so a test can tell.

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createPublicRoutes, type PublicRoutesOptions } from "../../src/publish/http/index.js";
import type { Database } from "../../src/store/index.js";

export interface TestServer {
  url: string;
  close(): Promise<void>;
}

export async function startPublicServer(database: Database, options: PublicRoutesOptions): Promise<TestServer> {
  const handle = createPublicRoutes(database, options);
  const server: Server = createServer((req, res) => {
    handle(req, res)
      .then((handled) => {
        if (!handled) res.writeHead(418).end("not mine\n");
      })
      .catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
