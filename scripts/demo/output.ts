/** Friendly console output: headings, aligned tables, colour only on a terminal. */
const tty = process.stdout.isTTY === true && !('NO_COLOR' in process.env);
const paint = (code: string) => (s: string) => (tty ? `\x1b[${code}m${s}\x1b[0m` : s);
export const bold = paint('1');
export const dim = paint('2');
export const green = paint('32');
export const red = paint('31');
export const yellow = paint('33');

let step = 0;

export function heading(title: string): void {
  step++;
  console.log(`\n${bold(`${step}. ${title}`)}`);
}

export function say(text: string): void {
  console.log(`   ${text}`);
}

/** Columns padded to the widest cell; colour codes do not count towards the width. */
export function table(header: string[], rows: string[][]): void {
  const visible = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');
  const widths = header.map((h, i) => Math.max(visible(h).length, ...rows.map((r) => visible(r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c + ' '.repeat(widths[i] - visible(c).length))
      .join('  ')
      .trimEnd();
  console.log(`   ${dim(line(header))}`);
  for (const r of rows) console.log(`   ${line(r)}`);
}

export function yes(ok: boolean, text = ok ? 'yes' : 'no'): string {
  return ok ? green(text) : red(text);
}
