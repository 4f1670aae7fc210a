// Small helpers for what subcommands print: tables on a TTY, JSON for scripts.
import Table from "cli-table3";

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function renderTable(head: string[], rows: (string | number)[][]): string {
  const table = new Table({
    head,
    style: { head: process.stdout.isTTY ? ["cyan"] : [], border: [] },
    // No rule between body rows: long tables stay readable.
    chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
  });
  for (const row of rows) table.push(row.map((cell) => String(cell)));
  return table.toString();
}
