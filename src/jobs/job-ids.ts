// Job ids derived from what caused the job, so a redelivered webhook inserts the same ids and
// pg-boss's insert (ON CONFLICT DO NOTHING) drops the copies instead of queueing the work twice.
import { createHash } from "node:crypto";

/** A UUID (version 8, "custom") from the given parts; the same parts always give the same id. */
export function deterministicJobId(...parts: Array<string | number>): string {
  const hex = createHash("sha256").update(parts.join("\u0000")).digest("hex");
  const variant = ((Number.parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
