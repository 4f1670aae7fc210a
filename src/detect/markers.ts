// Tests a candidate line against marker signals (a commit line's markers, a pull-request body's lines).
import type { Tagged } from "../agents/compile.js";
import type { MarkerSignal } from "../agents/entry.js";
import { lineText, stripLeadingDecoration, type FoundLine } from "./lines.js";

export function matchMarkers(markers: readonly Tagged<MarkerSignal>[], line: FoundLine): Tagged<MarkerSignal>[] {
  const text = lineText(line);
  const lower = text.toLowerCase();
  let stripped: string | null = null;
  const found: Tagged<MarkerSignal>[] = [];
  for (const marker of markers) {
    if (marker.signal.firstLineOnly && !line.isFirstLine) continue;
    if (!lower.includes(marker.signal.needle)) continue;
    // firstLineOnly markers are prefixes of the raw first line; others may follow an emoji.
    const candidate = marker.signal.firstLineOnly ? text : (stripped ??= stripLeadingDecoration(text));
    if (marker.signal.line.test(candidate)) found.push(marker);
  }
  return found;
}
