// The hidden marker that finds the org's report issue again and remembers when it was written,
// so the report needs no table of its own: the issue is its own state.

const MARKER = /<!-- agent-census:org-report generated=(\d{4}-\d{2}-\d{2}) -->/;

export function reportMarker(generated: Date): string {
  return `<!-- agent-census:org-report generated=${generated.toISOString().slice(0, 10)} -->`;
}

/** The day the report in this issue body was generated, or null when it is not our report. */
export function reportGeneratedOn(body: string | null | undefined): Date | null {
  const match = body ? MARKER.exec(body) : null;
  return match?.[1] ? new Date(`${match[1]}T00:00:00Z`) : null;
}
