// Copies the real histories the tests replay (whole, byte for byte, gzipped) from the shared
// labelled corpus into test/fixtures/real-repos/, so the test suite stands alone in a clone.
//
//   npx tsx scripts/copy-test-fixtures.ts [corpus-folder]
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";

/** The repositories test/ reads (grep for loadFixture, fixtureCommits, fixtureText). */
export const TEST_REPOSITORIES = [
  "Aider-AI__aider",
  "All-Hands-AI__openhands-aci",
  "anthropics__claude-code-action",
  "cline__cline",
  "github__github-mcp-server",
  "google-gemini__gemini-cli",
  "sindresorhus__ky",
];

const corpus = resolve(process.argv[2] ?? "../shared/fixtures/real-repos");
const out = resolve("test/fixtures/real-repos");
rmSync(out, { recursive: true, force: true });
for (const slug of TEST_REPOSITORIES) {
  mkdirSync(join(out, slug), { recursive: true });
  for (const file of ["commits.jsonl", "labels.json", "files.txt"]) {
    writeFileSync(join(out, slug, `${file}.gz`), gzipSync(readFileSync(join(corpus, slug, file)), { level: 9 }));
  }
  writeFileSync(join(out, slug, "meta.json"), readFileSync(join(corpus, slug, "meta.json")));
}
console.log(`copied ${TEST_REPOSITORIES.length} repositories into ${out}`);
