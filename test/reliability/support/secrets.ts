// Fresh secrets for a test run, and a search for any of them (or a derived credential: an
// installation token, a JWT, a PEM body line) in captured output.
import { generateKeyPairSync, randomBytes } from "node:crypto";

export interface TestSecrets {
  githubToken: string;
  /** A second token the mock GitHub does not accept (a wrong token). */
  wrongToken: string;
  webhookSecret: string;
  /** An RSA private key in PKCS#1 PEM, as GitHub issues them. */
  privateKey: string;
  databasePassword: string;
}

export function makeSecrets(): TestSecrets {
  const hex = (bytes: number) => randomBytes(bytes).toString("hex");
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
  return {
    githubToken: `ghp_${hex(18)}`,
    wrongToken: `ghp_${hex(18)}`,
    webhookSecret: `whsec-${hex(16)}`,
    privateKey,
    databasePassword: `pw${hex(12)}`,
  };
}

/** Credentials minted during a run that a test cannot know in advance. */
const derivedPatterns: Array<[string, RegExp]> = [
  ["installation token from the mock GitHub", /ghs_mock_\d+_[a-z0-9]+/],
  ["a JSON Web Token", /eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{8,}/],
  ["a PEM private key header", /-----BEGIN (RSA |EC )?PRIVATE KEY-----/],
];

/** Names of the secrets found in `text` (empty when clean). */
export function findSecrets(text: string, secrets: TestSecrets): string[] {
  const found: string[] = [];
  const exact: Array<[string, string]> = [
    ["GitHub token", secrets.githubToken],
    ["wrong GitHub token", secrets.wrongToken],
    ["webhook secret", secrets.webhookSecret],
    ["database password", secrets.databasePassword],
  ];
  for (const [name, value] of exact) if (text.includes(value)) found.push(name);
  // Any line of the key's base64 body, also with its newlines escaped (JSON logs).
  const bodyLines = secrets.privateKey.split("\n").filter((line) => line.length >= 32 && !line.startsWith("-----"));
  if (bodyLines.some((line) => text.includes(line))) found.push("private key body");
  for (const [name, pattern] of derivedPatterns) if (pattern.test(text)) found.push(name);
  return found;
}
