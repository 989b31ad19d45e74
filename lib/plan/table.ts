// Aligned columns the way kubectl prints them: upper-case headers, three spaces between columns,
// the last column unpadded, no trailing spaces.

import { codePoints } from './schema.js';

const GAP = '   ';

export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - width(cell))))
      .join(GAP)
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}

/** Display width: code points, so "×" and "→" count as one column. */
function width(text: string): number {
  return codePoints(text);
}
