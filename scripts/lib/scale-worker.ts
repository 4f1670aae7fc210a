// One worker process of the scale benchmark: the real crawl worker (pg-boss jobs → GitHub client →
// detector → store) against the mock GitHub, with its time split into waiting on GitHub, store
// statements and the rest of each job (detection, bookkeeping). Prints one JSON line when its
// parent sends SIGTERM (or stdin closes).
//   SCALE_DATABASE_URL SCALE_SCHEMA SCALE_MOCK_URL SCALE_TOKENS SCALE_CONCURRENCY SCALE_TIME_SCALE SCALE_TIMEOUT_MS
import { startCrawlWorker } from "../../src/jobs/worker.js";
import { openJobQueue } from "../../src/jobs/queue.js";
import { databaseBoard, TokenPool } from "../../src/jobs/token-pool.js";
import { createGitHubClient } from "../../src/sources/github/index.js";
import { openDatabase } from "../../src/store/index.js";

const env = process.env;
const timeScale = Number(env.SCALE_TIME_SCALE ?? 100);
const database = await openDatabase({ url: env.SCALE_DATABASE_URL, schema: env.SCALE_SCHEMA, poolSize: Number(env.SCALE_POOL ?? 4) });

// Store time: every statement on the pool's connections.
let storeSeconds = 0;
let storeStatements = 0;
const pool = (database as unknown as { pool: { connect: () => Promise<{ query: (...args: unknown[]) => Promise<unknown> }>; query: (...args: unknown[]) => Promise<unknown> } }).pool;
const timedQuery = <T extends { query: (...args: unknown[]) => Promise<unknown> }>(target: T): void => {
  const query = target.query.bind(target);
  if ((target as { timed?: boolean }).timed) return;
  (target as { timed?: boolean }).timed = true;
  target.query = (async (...args: unknown[]) => {
    const started = performance.now();
    try {
      return await query(...args);
    } finally {
      storeSeconds += (performance.now() - started) / 1000;
      storeStatements += 1;
    }
  }) as T["query"];
};
// Checked-out clients (transactions) are timed; pool.query checks one out through connect's callback form.
const connect = pool.connect.bind(pool) as (...args: unknown[]) => unknown;
(pool as { connect: (...args: unknown[]) => unknown }).connect = (...args: unknown[]) => {
  const callback = args[0] as ((error: unknown, client: unknown, release: unknown) => void) | undefined;
  if (typeof callback === "function") {
    return connect((error: unknown, client: { query: (...a: unknown[]) => Promise<unknown> } | undefined, release: unknown) => {
      if (client) timedQuery(client);
      callback(error, client, release);
    });
  }
  return (connect() as Promise<{ query: (...a: unknown[]) => Promise<unknown> }>).then((client) => {
    timedQuery(client);
    return client;
  });
};

const queue = await openJobQueue(database, { connectionString: env.SCALE_DATABASE_URL, pollingIntervalSeconds: 0.5 });

let githubSeconds = 0;
let graphqlCalls = 0;
const tokens = (env.SCALE_TOKENS ?? "t1").split(",");
const tokenPool = new TokenPool(
  tokens.map((token) => {
    const client = createGitHubClient({
      baseUrl: env.SCALE_MOCK_URL,
      token,
      // GitHub's 1 s spacing, backoff units and timeout, scaled down with the answer times.
      graphqlIntervalMs: 1000 / timeScale,
      waitUnitMs: 1000 / timeScale,
      timeoutMs: Number(env.SCALE_TIMEOUT_MS ?? 600),
      maxWaitMs: 60_000,
    });
    const graphql = client.octokit.graphql;
    client.octokit = {
      ...client.octokit,
      graphql: async (query, variables) => {
        const started = performance.now();
        graphqlCalls += 1;
        try {
          return await graphql(query, variables);
        } finally {
          githubSeconds += (performance.now() - started) / 1000;
        }
      },
    };
    return { token, client };
  }),
  { board: databaseBoard(database) },
);

let jobSeconds = 0;
let jobs = 0;
let failedJobs = 0;
let repositories = 0;
const started = performance.now();
const cpuStart = process.cpuUsage();
const worker = await startCrawlWorker({
  database,
  queue,
  pool: tokenPool,
  concurrency: Number(env.SCALE_CONCURRENCY ?? 2),
  onRepository: () => void (repositories += 1),
  onBatch: (event) => {
    if (env.SCALE_DEBUG) process.stderr.write(`${JSON.stringify(event)}\n`);
    jobSeconds += event.seconds;
    jobs += 1;
    if (event.kind === "batch-failed") failedJobs += 1;
  },
});

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await worker.stop();
  const wall = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  process.stdout.write(
    `${JSON.stringify({
      pid: process.pid,
      wallSeconds: wall,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      jobs,
      failedJobs,
      repositories,
      graphqlCalls,
      githubSeconds,
      storeSeconds,
      storeStatements,
      jobSeconds,
    })}\n`,
  );
  await queue.stop();
  await database.close();
  process.exit(0);
}
process.on("SIGTERM", () => void stop());
process.stdin.on("end", () => void stop());
process.stdin.resume();
