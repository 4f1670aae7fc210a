// A webhook's `repository` object → the store's RepositoryFacts. GitHub's push payload gives
// created_at / pushed_at as Unix seconds, every other event as ISO strings: both are accepted.
import type { RepositoryFacts, Visibility } from "../../store/index.js";
import { MalformedPayloadError } from "./dependencies.js";

export interface PayloadRepository {
  id: number;
  name: string;
  full_name?: string;
  owner: { login?: string; name?: string | null } | null;
  private: boolean;
  visibility?: string;
  fork?: boolean;
  archived?: boolean;
  stargazers_count?: number;
  language?: string | null;
  created_at?: number | string | null;
  pushed_at?: number | string | null;
  default_branch?: string;
}

function dateOf(value: number | string | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  const date = typeof value === "number" ? new Date(value * 1000) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function visibilityOf(repository: PayloadRepository): Visibility {
  if (repository.visibility === "public" || repository.visibility === "private" || repository.visibility === "internal") return repository.visibility;
  return repository.private ? "private" : "public";
}

export function ownerOf(repository: PayloadRepository): string {
  const owner = repository.owner?.login ?? repository.owner?.name ?? repository.full_name?.split("/")[0];
  if (!owner) throw new MalformedPayloadError("repository", "repository.owner");
  return owner;
}

/** Checks the fields every handler relies on, so a malformed delivery fails before any write. */
export function requireRepository(event: string, repository: unknown): PayloadRepository {
  const candidate = repository as Partial<PayloadRepository> | null | undefined;
  if (!candidate || typeof candidate !== "object") throw new MalformedPayloadError(event, "repository");
  if (typeof candidate.id !== "number") throw new MalformedPayloadError(event, "repository.id");
  if (typeof candidate.name !== "string") throw new MalformedPayloadError(event, "repository.name");
  return candidate as PayloadRepository;
}

export function factsFromPayload(repository: PayloadRepository, host: string): RepositoryFacts {
  return {
    githubId: repository.id,
    host,
    owner: ownerOf(repository),
    name: repository.name,
    visibility: visibilityOf(repository),
    fork: repository.fork ?? false,
    archived: repository.archived ?? false,
    stars: repository.stargazers_count ?? 0,
    language: repository.language ?? null,
    createdAt: dateOf(repository.created_at),
    pushedAt: dateOf(repository.pushed_at),
    defaultBranch: repository.default_branch ?? null,
  };
}
