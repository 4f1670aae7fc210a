// Publishing: what people see. Reads the store only (never src/sources).
export { createPublicRoutes, type PublicRequestHandler, type PublicRoutesOptions } from "./http/index.js";
export { openApiDocument } from "./http/openapi.js";
export { buildReportFigures, checkMonthRange, renderCharts, writeReport } from "./report/index.js";
export type { Population, ReportFigures, ReportOptions, ReportScope, WrittenReport } from "./report/index.js";
export { bandedLinesSpec, linesSpec, repoCommitsSpec } from "./charts/specs.js";
export { renderSvg } from "./charts/render-svg.js";
export { shareCharts, type ChartDefinition } from "./figures/charts.js";
export { EmptyReportError, InvalidMonthRangeError, UnknownCohortError } from "./errors.js";
