/** How a command's result is shown: JSON for scripts (--json), an aligned table for people. */
export interface Output {
  json: boolean;
  print(value: unknown, table?: () => Table): void;
  line(text: string): void;
}

export interface Table {
  columns: string[];
  rows: (string | number | null | undefined)[][];
  title?: string;
}

export function renderTable(table: Table): string {
  const cells = table.rows.map((row) =>
    row.map((cell) => (cell === null || cell === undefined ? "" : String(cell))),
  );
  const widths = table.columns.map((column, i) =>
    Math.max(column.length, ...cells.map((row) => row[i]?.length ?? 0)),
  );
  const format = (row: string[]) =>
    row
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  const lines = [
    format(table.columns),
    format(widths.map((w) => "-".repeat(w))),
    ...cells.map(format),
  ];
  if (cells.length === 0) lines.push("(none)");
  return [...(table.title ? [table.title] : []), ...lines].join("\n");
}

export function createOutput(json: boolean, write: (text: string) => void): Output {
  return {
    json,
    print(value, table) {
      if (json || !table) write(`${JSON.stringify(value, null, 2)}\n`);
      else write(`${renderTable(table())}\n`);
    },
    line(text) {
      if (!json) write(`${text}\n`);
    },
  };
}

export function countsText(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([outcome, n]) => `${outcome}=${n}`)
    .join(" ");
}
