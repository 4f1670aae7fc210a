// Every GraphQL document agent-census can send is validated against GitHub's published schema, so a
// misspelt field fails here rather than in production.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parse, validate, type GraphQLSchema } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { githubSchema } from "../../support/mock-github/index.js";
import { buildConfigDatingQuery, buildFollowUpQuery, buildRepositoryBatchQuery } from "../../../src/sources/github/queries.js";
import { configDirectories } from "../../../src/sources/github/config-paths.js";
import { configPathPatterns } from "../../../src/detect/index.js";

let schema: GraphQLSchema;
beforeAll(() => {
  schema = githubSchema();
});

function errorsOf(query: string): string[] {
  return validate(schema, parse(query)).map((error) => error.message);
}

const repositories = [
  { owner: "octo", name: "one", historySince: "2025-10-01T00:00:00Z" },
  { owner: "octo", name: "two", historySince: "2025-10-01T00:00:00Z" },
];

describe("GraphQL documents against GitHub's published schema", () => {
  it("the batched repository query is valid, with and without parents, with the catalog's config directories", () => {
    for (const withParents of [false, true]) {
      const { query } = buildRepositoryBatchQuery(repositories, {
        configDirectories: configDirectories(configPathPatterns()),
        historyPageSize: 100,
        pullRequestPageSize: 50,
        withParents,
      });
      expect(errorsOf(query)).toEqual([]);
    }
  });

  it("the batched query without config directories is valid (no unused fragment)", () => {
    const { query } = buildRepositoryBatchQuery(repositories, { configDirectories: [], historyPageSize: 100, pullRequestPageSize: 50, withParents: false });
    expect(errorsOf(query)).toEqual([]);
  });

  it("follow-up pages are valid for history only, pull requests only, and both", () => {
    const variants = [
      [{ owner: "o", name: "a", history: { head: "a".repeat(40), since: "2025-10-01T00:00:00Z", after: "x" } }],
      [{ owner: "o", name: "b", pullRequests: { after: "y" } }],
      [
        { owner: "o", name: "a", history: { head: "a".repeat(40), since: "2025-10-01T00:00:00Z", after: "x" }, pullRequests: { after: "y" } },
        { owner: "o", name: "c", pullRequests: { after: "z" } },
      ],
    ];
    for (const pages of variants) {
      const { query } = buildFollowUpQuery(pages, { historyPageSize: 100, pullRequestPageSize: 50, withParents: false });
      expect(errorsOf(query)).toEqual([]);
    }
  });

  it("the config-file dating query is valid", () => {
    const { query } = buildConfigDatingQuery([{ owner: "o", name: "a", head: "a".repeat(40), path: "CLAUDE.md" }]);
    expect(errorsOf(query)).toEqual([]);
  });

  it("a misspelt field is caught (the check can fail)", () => {
    const { query } = buildConfigDatingQuery([{ owner: "o", name: "a", head: "a".repeat(40), path: "CLAUDE.md" }]);
    expect(errorsOf(query.replace("committedDate", "commitedDate")).join()).toMatch(/commitedDate/);
  });

  it("every static GraphQL document written in src/ is valid", () => {
    // Documents written as literal text (a `query` or `fragment` at the start of a template or string)
    // anywhere in src/; the builders above cover the generated ones.
    const files: string[] = [];
    const walk = (directory: string) => {
      for (const name of readdirSync(directory)) {
        const path = join(directory, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (path.endsWith(".ts")) files.push(path);
      }
    };
    walk(new URL("../../../src/", import.meta.url).pathname);
    let checked = 0;
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      for (const match of text.matchAll(/`\s*((?:query|mutation)\s+\w+[^`]*)`/g)) {
        const document = match[1] as string;
        if (document.includes("${")) continue; // built from parts: covered by the builder tests
        expect(errorsOf(document), `${file}: ${document.slice(0, 60)}`).toEqual([]);
        checked++;
      }
      // Fragments are validated inside the documents that use them; check each parses alone too.
      for (const match of text.matchAll(/`\s*(fragment\s+\w+\s+on\s+\w+[^`]*)`/g)) {
        if ((match[1] as string).includes("${")) continue;
        expect(() => parse(match[1] as string)).not.toThrow();
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});
