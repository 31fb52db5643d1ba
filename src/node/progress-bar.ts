/** The one-line progress bar the command redraws on a terminal. */

const FULL = '█';
const EMPTY = '░';

/** E.g. "[██████░░░░░░░░░░░░░░]  3/10 photo.jpg", cut to fit `columns`. */
export function progressLine(done: number, total: number, label: string, columns: number): string {
  const width = 20;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  const count = `${String(done).padStart(String(total).length)}/${total}`;
  const line = `[${FULL.repeat(filled)}${EMPTY.repeat(width - filled)}] ${count} ${label}`;
  const max = Math.max(columns - 1, width + 2);
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
