// The month range and cohort a dashboard page or API call asks for, with its defaults.

import { InvalidMonthRangeError } from "../errors.js";
import { addMonths, isMonth, monthOf } from "../format.js";

export interface ViewQuery {
  /** A cohort name; all public repositories when absent. */
  cohort?: string;
  from: string;
  to: string;
}

/** Longest range a public request may ask for (keeps a page's cost bounded). */
const maxMonths = 120;

/**
 * Reads `cohort`, `from` and `to` from query parameters. Defaults: the twelve months up to and
 * including `now`'s month.
 */
export function parseViewQuery(params: Record<string, string | undefined>, now: Date): ViewQuery {
  const to = params.to || monthOf(now);
  const from = params.from || addMonths(to, -11);
  if (!isMonth(from) || !isMonth(to)) throw new InvalidMonthRangeError(`from and to must be months like 2025-10 (got from=${from}, to=${to})`);
  if (from > to) throw new InvalidMonthRangeError(`from ${from} is after to ${to}`);
  if (addMonths(from, maxMonths - 1) < to) throw new InvalidMonthRangeError(`a range covers at most ${maxMonths} months`);
  const cohort = params.cohort?.trim() || undefined;
  return cohort === undefined ? { from, to } : { cohort, from, to };
}
