import nock from "nock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ScanJobData } from "../../../src/jobs/app-jobs.js";
import { QUEUES } from "../../../src/jobs/queue.js";
import { listRepositories, repoTimeline } from "../../../src/store/index.js";
import { loadFixture } from "../../support/fixtures.js";
import { deliveryId, examplePayload, openAppHarness, pushPayload, type AppHarness } from "../../app/harness.js";

const history = loadFixture("sindresorhus__ky").commits.slice(0, 10).reverse();

type InstallationPayload = { installation: { id: number; account: { login: string } }; repositories?: unknown[] } & Record<string, unknown>;

function installationCreated(installationId: number, repositories: number): InstallationPayload {
  const payload = examplePayload<InstallationPayload>("installation", (p) => p.action === "created");
  payload.installation.id = installationId;
  payload.repositories = Array.from({ length: repositories }, (_, i) => ({
    id: 900_000 + i,
    node_id: `R_${i}`,
    name: `repo-${i}`,
    full_name: `${payload.installation.account.login}/repo-${i}`,
    private: i % 2 === 0,
  }));
  return payload;
}

describe("installation webhooks", () => {
  let harness: AppHarness;

  beforeAll(async () => {
    nock.disableNetConnect();
    harness = await openAppHarness();
  });
  afterAll(async () => {
    nock.enableNetConnect();
    await harness?.close();
  });

  it("an install of 1,000 repositories queues 1,000 backfill jobs without calling GitHub or scanning", async () => {
    const before = await harness.queued(QUEUES.scan);
    const id = deliveryId();
    await harness.receive({ id, name: "installation", payload: installationCreated(4242, 1000) as never });
    expect((await harness.queued(QUEUES.scan)) - before).toBe(1000);
    // Answered before any scan: nothing is stored yet, and GitHub was not asked anything.
    expect(await listRepositories(harness.database, { installationId: 4242 })).toEqual([]);
    expect(nock.pendingMocks()).toEqual([]);

    // A redelivery of the same install queues nothing new.
    await harness.receive({ id, name: "installation", payload: installationCreated(4242, 1000) as never });
    expect((await harness.queued(QUEUES.scan)) - before).toBe(1000);

    const jobs = await harness.queue.boss.fetch<ScanJobData>(QUEUES.scan, { batchSize: 1000 });
    const repos = jobs.filter((job) => job.data.installationId === 4242);
    expect(new Set(repos.map((job) => job.data.kind === "backfill" && job.data.githubId)).size).toBe(1000);
    expect(repos[0]?.data).toMatchObject({ kind: "backfill", installationId: 4242, owner: "Codertocat", name: expect.stringMatching(/^repo-\d+$/) });
    for (const job of jobs) await harness.queue.boss.complete(QUEUES.scan, job.id);
  });

  it("an install whose payload lists no repositories queues a listing job", async () => {
    const payload = installationCreated(4343, 0);
    delete payload.repositories;
    await harness.receive({ id: deliveryId(), name: "installation", payload: payload as never });
    const jobs = await harness.queue.boss.fetch<ScanJobData>(QUEUES.scan, { batchSize: 10 });
    expect(jobs.map((job) => job.data)).toEqual([{ kind: "list-installation", installationId: 4343 }]);
    for (const job of jobs) await harness.queue.boss.complete(QUEUES.scan, job.id);
  });

  it("repositories added to an installation are backfilled", async () => {
    const payload = examplePayload<InstallationPayload>("installation_repositories", (p) => p.action === "added");
    await harness.receive({ id: deliveryId(), name: "installation_repositories", payload: payload as never });
    const jobs = await harness.queue.boss.fetch<ScanJobData>(QUEUES.scan, { batchSize: 10 });
    expect(jobs.map((job) => job.data)).toEqual([{ kind: "backfill", installationId: payload.installation.id, owner: "Codertocat", name: "Space", githubId: 186853007 }]);
    for (const job of jobs) await harness.queue.boss.complete(QUEUES.scan, job.id);
  });

  it("removing a private repository from the installation deletes its data; a public one nothing else tracks goes too", async () => {
    await harness.receive({ id: deliveryId(), name: "push", payload: pushPayload(history, { repositoryId: 7001, name: "secret", privateRepository: true, before: "a".repeat(40), installationId: 77 }) as never });
    await harness.receive({ id: deliveryId(), name: "push", payload: pushPayload(history, { repositoryId: 7002, name: "kept", privateRepository: true, before: "a".repeat(40), installationId: 77 }) as never });
    expect(await repoTimeline(harness.database, { githubId: 7001 })).not.toBeNull();
    const payload = examplePayload<InstallationPayload & { repositories_removed: unknown[] }>("installation_repositories", (p) => p.action === "removed");
    payload.installation.id = 77;
    payload.repositories_removed = [{ id: 7001, node_id: "x", name: "secret", full_name: "Codertocat/secret", private: true }];
    await harness.receive({ id: deliveryId(), name: "installation_repositories", payload: payload as never });
    expect(await repoTimeline(harness.database, { githubId: 7001 })).toBeNull();
    expect(await repoTimeline(harness.database, { githubId: 7002 })).not.toBeNull();
  });

  it("uninstalling removes the installation's private data, and a redelivery of it changes nothing", async () => {
    await harness.receive({ id: deliveryId(), name: "push", payload: pushPayload(history, { repositoryId: 7101, name: "private-a", privateRepository: true, before: "b".repeat(40), installationId: 88 }) as never });
    await harness.receive({ id: deliveryId(), name: "push", payload: pushPayload(history, { repositoryId: 7102, name: "other-org", privateRepository: true, before: "b".repeat(40), installationId: 89 }) as never });
    const payload = examplePayload<InstallationPayload>("installation", (p) => p.action === "deleted");
    payload.installation.id = 88;
    const id = deliveryId();
    await harness.receive({ id, name: "installation", payload: payload as never });
    await harness.receive({ id, name: "installation", payload: payload as never });
    expect(await listRepositories(harness.database, { installationId: 88 })).toEqual([]);
    expect(await repoTimeline(harness.database, { githubId: 7101 })).toBeNull();
    expect(await repoTimeline(harness.database, { githubId: 7102 })).not.toBeNull();
  });

  it("a suspended installation's private data is removed too", async () => {
    await harness.receive({ id: deliveryId(), name: "push", payload: pushPayload(history, { repositoryId: 7201, name: "private-b", privateRepository: true, before: "c".repeat(40), installationId: 99 }) as never });
    const payload = examplePayload<InstallationPayload>("installation", (p) => p.action === "suspend");
    payload.installation.id = 99;
    await harness.receive({ id: deliveryId(), name: "installation", payload: payload as never });
    expect(await repoTimeline(harness.database, { githubId: 7201 })).toBeNull();
  });
});
