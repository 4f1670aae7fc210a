// The mock GitHub's in-memory world: repositories with a default-branch history (newest first), the
// paths at HEAD, pull requests, and the states GitHub can put a repository in (empty, renamed,
// deleted, blocked). Built from the real fixtures or synthesised (N repositories × M commits).
import { createHash } from "node:crypto";
import { fixtureSlugs, fixtureText, loadFixture } from "../fixtures.js";

export interface MockPerson {
  name: string;
  email: string;
  date: string;
  /** The GitHub account the email maps to, if any. */
  login?: string | null;
}

export interface MockCommit {
  sha: string;
  parents: string[];
  author: MockPerson;
  committer: MockPerson;
  message: string;
}

export interface MockPullRequest {
  number: number;
  createdAt: string;
  mergedAt: string | null;
  state: "OPEN" | "CLOSED" | "MERGED";
  headRefName: string;
  title: string;
  body: string | null;
  author: { login: string; type: "User" | "Bot" } | null;
  /** Commits the pull request contains (for Commit.associatedPullRequests). */
  commits?: string[];
  /** The commit its merge made on the base branch. */
  mergeCommit?: string | null;
  /** Its base branch; the repository's default branch when absent. */
  baseRefName?: string;
}

export interface MockRepository {
  id: number;
  owner: string;
  name: string;
  visibility: "PUBLIC" | "PRIVATE" | "INTERNAL";
  fork: boolean;
  archived: boolean;
  stars: number;
  language: string | null;
  createdAt: string;
  pushedAt: string | null;
  defaultBranch: string;
  /** Default-branch history, newest first; empty for an empty repository. */
  commits: MockCommit[];
  /** Every file path at HEAD. */
  files: string[];
  /** Text of some files at HEAD (a blob's `text`); files not here answer null. */
  fileTexts?: Record<string, string>;
  /** Commits touching a path, newest first; a path missing here was added by the oldest commit. */
  pathHistory: Record<string, string[]>;
  pullRequests: MockPullRequest[];
  /** GitHub blocks it (DMCA, policy): GraphQL FORBIDDEN "Repository access blocked", REST 451. */
  blocked?: boolean;
}

export class MockWorld {
  readonly repositories = new Map<number, MockRepository>();
  /** Old "owner/name" (lower case) → id, as GitHub keeps redirects after a rename or transfer. */
  readonly redirects = new Map<string, number>();
  private nextId = 1_000_000;

  add(repository: Omit<MockRepository, "id"> & { id?: number }): MockRepository {
    const id = repository.id ?? this.nextId++;
    const full: MockRepository = { ...repository, id };
    this.repositories.set(id, full);
    return full;
  }

  findByName(owner: string, name: string): MockRepository | undefined {
    const key = `${owner}/${name}`.toLowerCase();
    for (const repository of this.repositories.values()) {
      if (`${repository.owner}/${repository.name}`.toLowerCase() === key) return repository;
    }
    return undefined;
  }

  /** Follows a redirect left by a rename or transfer. */
  findByOldName(owner: string, name: string): MockRepository | undefined {
    const id = this.redirects.get(`${owner}/${name}`.toLowerCase());
    return id === undefined ? undefined : this.repositories.get(id);
  }

  rename(repository: MockRepository, owner: string, name: string): void {
    this.redirects.set(`${repository.owner}/${repository.name}`.toLowerCase(), repository.id);
    repository.owner = owner;
    repository.name = name;
  }

  remove(repository: MockRepository): void {
    this.repositories.delete(repository.id);
  }

  /** Adds commits on top of HEAD (newest first), as a push would. */
  push(repository: MockRepository, commits: MockCommit[]): void {
    repository.commits.unshift(...commits);
    const newest = commits[0];
    if (newest) repository.pushedAt = newest.committer.date;
  }
}

export function fullName(repository: MockRepository): string {
  return `${repository.owner}/${repository.name}`;
}

export function fakeSha(seed: string): string {
  return createHash("sha1").update(seed).digest("hex");
}

interface FixtureMeta {
  default_branch: string;
  snapshot_date: string;
}

/** A bot author's login is its name ("claude[bot]"); humans get none (the fixtures hold no logins). */
function withLogin(person: MockPerson): MockPerson {
  return { ...person, login: person.name.endsWith("[bot]") ? person.name : null };
}

/** The real repositories (or those named "owner/name"), histories as recorded. */
export function loadFixtureRepositories(world: MockWorld, options: { names?: string[] } = {}): MockRepository[] {
  const loaded: MockRepository[] = [];
  for (const slug of fixtureSlugs()) {
    const fixture = loadFixture(slug);
    if (options.names && !options.names.includes(fixture.repository)) continue;
    const meta = JSON.parse(fixtureText(slug, "meta.json")) as FixtureMeta;
    const commits = fixture.commits.map((commit) => ({ ...commit, author: withLogin(commit.author), committer: withLogin(commit.committer) }));
    const [owner, name] = fixture.repository.split("/") as [string, string];
    loaded.push(
      world.add({
        owner,
        name,
        visibility: "PUBLIC",
        fork: false,
        archived: false,
        stars: 1000,
        language: "TypeScript",
        createdAt: commits.at(-1)?.committer.date ?? meta.snapshot_date,
        pushedAt: meta.snapshot_date,
        defaultBranch: meta.default_branch,
        commits,
        files: fixture.files,
        pathHistory: {},
        pullRequests: [],
      }),
    );
  }
  return loaded;
}

export interface SyntheticOptions {
  repositories: number;
  commitsPerRepository: number;
  /** Newest commit date; commits go back one hour each. */
  newest?: string;
  owner?: string;
  /** Every k-th repository gets a CLAUDE.md and Claude Code trailers on every third commit. */
  agentEvery?: number;
  pullRequestsPerRepository?: number;
}

/** N repositories × M commits, deterministic, with some agent activity sprinkled in. */
export function addSyntheticRepositories(world: MockWorld, options: SyntheticOptions): MockRepository[] {
  const newest = Date.parse(options.newest ?? "2026-03-31T12:00:00Z");
  const agentEvery = options.agentEvery ?? 5;
  const created: MockRepository[] = [];
  for (let r = 0; r < options.repositories; r++) {
    const owner = options.owner ?? `org${r % 7}`;
    const name = `project-${r}`;
    const withAgent = agentEvery > 0 && r % agentEvery === 0;
    const commits: MockCommit[] = [];
    for (let c = 0; c < options.commitsPerRepository; c++) {
      const date = new Date(newest - (c * 3600 + r) * 1000).toISOString();
      const sha = fakeSha(`${owner}/${name}#${c}`);
      const person = { name: `Dev ${r % 13}`, email: `dev${r % 13}@example.com`, date, login: `dev${r % 13}` };
      const trailer = withAgent && c % 3 === 0 ? "\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)\n\nCo-Authored-By: Claude <noreply@anthropic.com>" : "";
      commits.push({ sha, parents: [], author: person, committer: person, message: `Change ${c} in ${name}${trailer}` });
    }
    commits.forEach((commit, index) => {
      const parent = commits[index + 1];
      commit.parents = parent ? [parent.sha] : [];
    });
    const files = ["README.md", "package.json", "src/index.ts", ".github/workflows/ci.yml"];
    const pathHistory: Record<string, string[]> = {};
    if (withAgent) {
      files.push("CLAUDE.md");
      const oldest = commits.at(-1);
      if (oldest) pathHistory["CLAUDE.md"] = [oldest.sha];
    }
    const pullRequests: MockPullRequest[] = [];
    for (let p = 0; p < (options.pullRequestsPerRepository ?? 3); p++) {
      const createdAt = new Date(newest - p * 86_400_000).toISOString();
      const bot = withAgent && p === 0;
      pullRequests.push({
        number: 100 - p,
        createdAt,
        mergedAt: p % 2 === 0 ? createdAt : null,
        state: p % 2 === 0 ? "MERGED" : "OPEN",
        headRefName: bot ? `copilot/fix-${p}` : `feature-${p}`,
        title: `Pull request ${p}`,
        body: null,
        author: bot ? { login: "Copilot", type: "Bot" } : { login: `dev${r % 13}`, type: "User" },
      });
    }
    created.push(
      world.add({
        owner,
        name,
        visibility: "PUBLIC",
        fork: r % 11 === 0,
        archived: r % 17 === 0,
        stars: 50 + r,
        language: r % 2 === 0 ? "TypeScript" : "Go",
        createdAt: new Date(newest - 400 * 86_400_000 - r * 86_400_000).toISOString(),
        pushedAt: commits[0]?.committer.date ?? null,
        defaultBranch: "main",
        commits,
        files,
        pathHistory,
        pullRequests,
      }),
    );
  }
  return created;
}
