// The org's opt-in adoption report issue: its body (reads the store only) and its marker.
export { buildOrgReportBody, orgReportTitle, type OrgReportOptions } from "./body.js";
export { reportGeneratedOn, reportMarker } from "./marker.js";
