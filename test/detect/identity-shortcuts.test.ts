// The detector's shortcuts must never change a verdict: people dismissed by the last
// characters of their address, the per-person memo, co-author addresses dismissed in place,
// remembered evidence lines.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { catalog } from "../../src/agents/catalog.js";
import { compileCatalog } from "../../src/agents/compile.js";
import { classifyCommit, parseNameAndEmail } from "../../src/detect/index.js";
import { matchIdentity, mayMatchCoAuthor, mayMatchIdentity, type PersonLike } from "../../src/detect/identity.js";
import type { CommitInput } from "../../src/detect/types.js";

const compiled = compileCatalog(catalog);
const DATE = "2026-01-02T03:04:05Z";
const commit = (message: string, author: PersonLike, committer: PersonLike = author): CommitInput => ({
  sha: "a".repeat(40),
  parents: [],
  author: { ...author, date: DATE },
  committer: { ...committer, date: DATE },
  message,
});

// Addresses and logins from the catalog itself, so generated people hit agents often.
const knownEmails = [...compiled.byEmail.keys()];
const knownDomains = [...compiled.byEmailDomain.keys()];
const knownLogins = [...compiled.byLogin.keys()];
const userIds = [...compiled.byUserId.keys()];

const caseVariant = (text: string) => fc.constantFrom(text, text.toUpperCase(), text[0]!.toUpperCase() + text.slice(1));
const email = fc.oneof(
  fc.constantFrom(...knownEmails).chain(caseVariant),
  fc.tuple(fc.constantFrom("x", "eu.", "dev."), fc.constantFrom(...knownDomains)).map(([sub, domain]) => (sub === "x" ? `x@${domain}` : `x@${sub}${domain}`)),
  fc.tuple(fc.constantFrom(...userIds, 1, 42), fc.constantFrom(...knownLogins, "someone")).map(([id, login]) => `${id}+${login}[bot]@users.noreply.github.com`),
  fc.constantFrom(...knownLogins, "person").map((login) => `${login}@users.noreply.github.com`),
  fc.tuple(fc.constantFrom(...knownEmails), fc.constantFrom(" ", "\t", "")).map(([address, pad]) => `${pad}${address}${pad}`),
  fc.emailAddress(),
  fc.string({ maxLength: 12 }),
);
const name = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom("Paul Gauthier (aider)", "Ada (AIDER) ", "aider (gpt-5)", "Claude", "openhands"));
const login = fc.option(fc.oneof(fc.constantFrom(...knownLogins).map((l) => `${l}[bot]`), fc.constantFrom(...knownLogins), fc.string({ maxLength: 12 })), { nil: undefined });
const person = fc.record({ name, email, login }).map((p): PersonLike => (p.login === undefined ? { name: p.name, email: p.email } : p));

describe("identity shortcuts", () => {
  it("dismiss a person only when no identity matches in any role", () => {
    fc.assert(
      fc.property(person, (someone) => {
        if (mayMatchIdentity(compiled, someone)) return;
        for (const role of ["author", "committer", "co-author"] as const) expect(matchIdentity(compiled, someone, role)).toEqual([]);
      }),
      { numRuns: 5_000 },
    );
  });

  it("dismiss a co-author only when no identity matches the value's \"Name <email>\"", () => {
    fc.assert(
      fc.property(person, fc.constantFrom("", " ", "\t "), (someone, after) => {
        const line = `Co-authored-by: ${someone.name} <${someone.email}>${after}`;
        const colon = line.indexOf(":");
        if (mayMatchCoAuthor(compiled, line, colon + 1, line.length)) return;
        const parsed = parseNameAndEmail(line.slice(colon + 1).trim());
        if (parsed) expect(matchIdentity(compiled, parsed, "co-author")).toEqual([]);
      }),
      { numRuns: 5_000 },
    );
  });

  it("read every co-author trailer as parseNameAndEmail and matchIdentity would, without shortcuts", () => {
    const ada = { name: "Ada", email: "ada@example.org" };
    const nameWithBrackets = fc.oneof(name, fc.constantFrom("A <b>", "<", "x > y", "Claude <noreply@anthropic.com>"));
    const tail = fc.constantFrom("", " ", "  \t", " >", " <", " extra");
    fc.assert(
      fc.property(nameWithBrackets, email, tail, (someone, address, after) => {
        const line = `Co-authored-by: ${someone} <${address}>${after}`;
        const value = line.slice(line.indexOf(":") + 1).trim();
        const parsed = parseNameAndEmail(value);
        const expected = parsed ? [...new Set(matchIdentity(compiled, parsed, "co-author").map(({ agent }) => agent))] : [];
        const found = classifyCommit(commit(`Fix\n\n${line}`, ada)).evidence.map((item) => item.agent);
        expect([...new Set(found)].sort()).toEqual(expected.sort());
      }),
      { numRuns: 5_000 },
    );
  });

  it("still find agents whose address differs only in case or surrounding space", () => {
    expect(classifyCommit(commit("Fix\n\nCo-Authored-By: Claude <NoReply@Anthropic.COM >", { name: "Ada", email: "ada@example.org" })).agents).toEqual(["claude-code"]);
    expect(classifyCommit(commit("Fix", { name: "OpenHands", email: "OPENHANDS@ALL-HANDS.DEV" })).agents).toEqual(["openhands"]);
    expect(classifyCommit(commit("Fix\n\nCo-authored-by: aider (gpt-5) <aider@eu.aider.chat>", { name: "Ada", email: "a@b.c" })).agents).toEqual(["aider"]);
  });

  it("remember people by address and name together: the same address under an agent's name is an agent", () => {
    const paul = { name: "Paul Gauthier", email: "paul@example.org" };
    const paulAider = { name: "Paul Gauthier (aider)", email: "paul@example.org" };
    for (let i = 0; i < 3; i++) expect(classifyCommit(commit("fix", paul)).agents).toEqual([]);
    expect(classifyCommit(commit("fix", paulAider)).agents).toEqual(["aider"]);
    expect(classifyCommit(commit("fix", paul)).agents).toEqual([]);
    // A person's remembered verdict is shared between commits, never changed by one of them.
    const first = classifyCommit(commit("fix", paulAider));
    const withTrailer = classifyCommit(commit("fix\n\nCo-Authored-By: Claude <noreply@anthropic.com>", paulAider));
    expect(withTrailer.agents).toEqual(["aider", "claude-code"]);
    expect(classifyCommit(commit("fix", paulAider))).toEqual(first);
    expect(first.evidence.map((item) => item.matched)).toEqual(['author: name ends with "(aider)"', 'committer: name ends with "(aider)"']);
  });

  it("give the same verdict whatever the order commits arrive in", () => {
    const people = [
      { name: "Ada", email: "ada@example.org" },
      { name: "Copilot", email: "198982749+Copilot@users.noreply.github.com", login: "Copilot" },
      { name: "Ada (aider)", email: "ada@example.org" },
      { name: "openhands", email: "openhands@all-hands.dev" },
      { name: "GitHub", email: "noreply@github.com" },
    ];
    const commits = people.flatMap((a) => people.map((c) => commit("fix\n\nCo-authored-by: Ada <ada@example.org>", a, c)));
    const forwards = commits.map((c) => classifyCommit(c));
    const backwards = [...commits].reverse().map((c) => classifyCommit(c)).reverse();
    expect(backwards).toEqual(forwards);
    // Three of the five are agents: every pair but the four of two people is an agent commit.
    expect(forwards.filter((verdict) => verdict.agents.length > 0).length).toBe(21);
  });
});

describe("remembered evidence lines", () => {
  const ada = { name: "Ada", email: "ada@example.org" };

  it("tell apart two lines that share a slot (same length, same last character)", () => {
    const claude = "Co-authored-by: X <noreply@anthropic.com>";
    const aiderAddress = "<noreply@aider.dev>";
    const aider = `Co-authored-by: ${"Y".repeat(claude.length - "Co-authored-by: ".length - aiderAddress.length - 1)} ${aiderAddress}`;
    expect(aider.length).toBe(claude.length);
    for (let i = 0; i < 4; i++) {
      expect(classifyCommit(commit(`Fix\n\n${claude}`, ada)).agents).toEqual(["claude-code"]);
      expect(classifyCommit(commit(`Fix\n\n${aider}`, ada)).agents).toEqual(["aider"]);
    }
  });

  it("read a first line apart from the same text further down", () => {
    for (let i = 0; i < 3; i++) {
      expect(classifyCommit(commit("aider: fix: handle empty input", ada)).agents).toEqual(["aider"]);
      expect(classifyCommit(commit("Notes\naider: fix: handle empty input", ada)).agents).toEqual([]);
    }
  });

  it("give every commit its own verdict: remembered items are shared, never changed", () => {
    const line = "Co-Authored-By: Claude <noreply@anthropic.com>";
    const first = classifyCommit(commit(`Fix\n\n${line}`, ada));
    const both = classifyCommit(commit(`Fix\n\n🤖 Generated with [Claude Code](https://claude.ai/code)\n\n${line}`, ada));
    expect(both.evidence.map((item) => item.kind)).toEqual(["marker", "trailer"]);
    expect(classifyCommit(commit(`Fix\n\n${line}`, ada))).toEqual(first);
    expect(first.evidence).toEqual([{ agent: "claude-code", kind: "trailer", strength: "strong", matched: line }]);
  });
});
