// Lint with typescript-eslint's recommended rules; the build (tsc --strict) does the type checking.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "data/", "coverage/", "test-output/", ".cache/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly", Buffer: "readonly", setTimeout: "readonly", clearTimeout: "readonly", setInterval: "readonly", clearInterval: "readonly", fetch: "readonly", performance: "readonly", TextDecoder: "readonly", TextEncoder: "readonly", AbortController: "readonly", structuredClone: "readonly", queueMicrotask: "readonly", setImmediate: "readonly", document: "readonly", window: "readonly" } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The catalog is data: the detector reads it, never the other way round.
    files: ["src/agents/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [{ group: ["**/detect/*", "**/detect"], message: "src/agents is data: it imports nothing from src/detect" }] }] },
  },
);
