export { buildReportFigures, checkMonthRange, parseCompare, type ReportFigures, type ReportOptions } from "./build.js";
export type { ReportScope, Population } from "./scope.js";
export { writeReport, renderCharts, type WrittenReport } from "./write.js";
