// Config files in vendored or generated trees belong to someone else's project (issue 16: moby/moby
// vendors smithy-go's AGENTS.md and otel's CLAUDE.md). The paths below are the ones seen there.
import { describe, expect, it } from "vitest";
import { classifyPaths } from "../../src/detect/index.js";

const found = (paths: string[], gitattributes?: string) => classifyPaths(paths, { gitattributes }).evidence.map((e) => `${e.agent} ${e.matched}`);

describe("config files in vendored and generated trees", () => {
  it("skips vendored dependencies at any depth (moby/moby, amazon-ecr-credential-helper)", () => {
    expect(
      found([
        "vendor/go.opentelemetry.io/otel/CLAUDE.md",
        "vendor/github.com/aws/smithy-go/AGENTS.md",
        "ecr-login/vendor/github.com/aws/smithy-go/AGENTS.md",
        "web/node_modules/some-lib/CLAUDE.md",
        "third_party/llama/.cursor/rules/style.mdc",
        "src/third-party/x/AGENTS.md",
        "Pods/Lib/CLAUDE.md",
        "bower_components/x/.cursorrules",
        "AGENTS.md",
        "docs/CLAUDE.md",
      ]),
    ).toEqual(["agents-md AGENTS.md", "claude-code docs/CLAUDE.md"]);
  });

  it("keeps a project's own folders that merely look alike", () => {
    expect(found(["vendored-notes/CLAUDE.md", "tools/CLAUDE.md", "src/pods/AGENTS.md", "vendorize/AGENTS.md"])).toEqual([
      "claude-code vendored-notes/CLAUDE.md",
      "claude-code tools/CLAUDE.md",
      "agents-md src/pods/AGENTS.md",
      "agents-md vendorize/AGENTS.md",
    ]);
  });

  it("honours the repository's .gitattributes: linguist-vendored, linguist-generated, and =false", () => {
    const gitattributes = [
      "# generated code",
      "gen/** linguist-generated=true",
      "external-sdk/* linguist-vendored",
      "vendor/our-own/** linguist-vendored=false",
      "*.pb.go -diff linguist-generated",
    ].join("\n");
    expect(
      found(["gen/api/AGENTS.md", "external-sdk/CLAUDE.md", "vendor/our-own/CLAUDE.md", "vendor/theirs/CLAUDE.md", "CLAUDE.md"], gitattributes),
    ).toEqual(["claude-code vendor/our-own/CLAUDE.md", "claude-code CLAUDE.md"]);
  });

  it("ignores a .gitattributes without linguist attributes", () => {
    expect(found(["gen/AGENTS.md"], "* text=auto\n*.sh eol=lf\n")).toEqual(["agents-md gen/AGENTS.md"]);
  });
});
