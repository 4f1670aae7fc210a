// Gathers every figure a report shows, from the store only.

import { adoptionMeasureRows, CohortNotFoundError, monthlyShare, type Database, type MonthlyShareRow } from "../../store/index.js";
import { EmptyReportError, InvalidMonthRangeError, UnknownCohortError } from "../errors.js";
import { compareMonths, defaultCompareMonths } from "../figures/compare.js";
import { buildHeadline, type Headline } from "../figures/headline.js";
import { measuresFromRows, type AdoptionMeasures } from "../figures/measures.js";
import { precisionFigures, type PrecisionFigures } from "../figures/precision.js";
import { allSeries, type SeriesPoint } from "../figures/series.js";
import { isMonth, monthLabel } from "../format.js";
import { describePopulation, toShareScope, type Population, type ReportScope } from "./scope.js";

export interface ReportOptions {
  scope: ReportScope;
  from: string;
  to: string;
  /** When the report was generated (a clock passed in, so tests are repeatable). */
  now?: Date;
  /** The two months the headline compares; default the first and last with an active repository. */
  compare?: { from: string; to: string };
  /** Least active repositories a month needs before a change is claimed (default 10). */
  minActive?: number;
  /** Seed of the ratio's bootstrap (default 1). */
  seed?: number;
}

export interface ReportFigures {
  title: string;
  scope: ReportScope;
  from: string;
  to: string;
  generatedAt: string;
  population: Population;
  headline: Headline;
  /** The store's monthly rows, unchanged: every share with its count, denominator and interval. */
  months: MonthlyShareRow[];
  /** The same figures flattened, one row per (month, series): what data.csv holds. */
  series: SeriesPoint[];
  /** First seen, retention and intensity over the same scope and range. */
  measures: AdoptionMeasures;
  /** Per-signal precision from people's reviews, and the signals never reviewed (the methodology shows both). */
  precision: PrecisionFigures;
}

export function checkMonthRange(from: string, to: string): void {
  if (!isMonth(from)) throw new InvalidMonthRangeError(`--from must be a month like 2025-10, got "${from}"`);
  if (!isMonth(to)) throw new InvalidMonthRangeError(`--to must be a month like 2026-04, got "${to}"`);
  if (from > to) throw new InvalidMonthRangeError(`--from ${from} is after --to ${to}`);
}

/** "2025-10:2026-08" → the two months a report compares. */
export function parseCompare(value: string): { from: string; to: string } {
  const [from, to, ...rest] = value.split(":");
  if (rest.length > 0 || !from || !to || !isMonth(from) || !isMonth(to)) {
    throw new InvalidMonthRangeError(`--compare must be two months like 2025-10:2026-08, got "${value}"`);
  }
  if (from >= to) throw new InvalidMonthRangeError(`--compare ${value}: the first month must come before the second`);
  return { from, to };
}

function titleFor(scope: ReportScope): string {
  switch (scope.kind) {
    case "public":
      return "Coding-agent adoption in public repositories";
    case "cohort":
      return `Coding-agent adoption in cohort ${scope.name}`;
    case "installation":
      return `Coding-agent adoption in installation ${scope.id}`;
  }
}

export async function buildReportFigures(database: Database, options: ReportOptions): Promise<ReportFigures> {
  checkMonthRange(options.from, options.to);
  // Independent reads: on node-postgres they run on separate pooled connections at once.
  const range = { from: options.from, to: options.to };
  // The measures' read is the report's longest at 1M repositories: it starts with the others.
  const measureRows = adoptionMeasureRows(database, { scope: toShareScope(options.scope), ...range });
  measureRows.catch(() => undefined); // awaited below; a failure of another read must not leave it unhandled
  const [population, months, precision] = await Promise.all([
    describePopulation(database, options.scope),
    monthlyShare(database, { scope: toShareScope(options.scope), from: options.from, to: options.to }).catch((error: unknown) => {
      throw error instanceof CohortNotFoundError ? new UnknownCohortError(error.cohort) : error;
    }),
    // A public report counts reviews of public repositories only.
    precisionFigures(database, { publicOnly: options.scope.kind !== "installation" }),
  ]);
  const compareWith = options.compare ?? defaultCompareMonths(months);
  const comparison = compareWith
    ? await compareMonths(database, toShareScope(options.scope), compareWith, { minActive: options.minActive, seed: options.seed })
    : null;
  const headline = buildHeadline(months, comparison);
  const measures = measuresFromRows(await measureRows, range, months);
  if (!headline) {
    throw new EmptyReportError(
      `no active repository in ${population.label} between ${monthLabel(options.from)} and ${monthLabel(options.to)}: nothing to report ` +
        `(scan or crawl first, or widen --from/--to)`,
    );
  }
  return {
    title: titleFor(options.scope),
    scope: options.scope,
    from: options.from,
    to: options.to,
    generatedAt: (options.now ?? new Date()).toISOString(),
    population,
    headline,
    months,
    series: allSeries(months),
    measures,
    precision,
  };
}
