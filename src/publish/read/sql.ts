// Publishing's few reads the store's API does not offer, as plain SQL over the store's tables
// (src/store/schema.ts) through database.executeSql. Every query here that can reach a
// repository filters on visibility = 'public' itself: publishing must never rely on a caller
// remembering to.

import type { Database } from "../../store/index.js";

export async function queryRows<Row>(database: Database, text: string, values: unknown[] = []): Promise<Row[]> {
  return (await database.executeSql<Row>(text, values)).rows;
}

export const toIso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());
