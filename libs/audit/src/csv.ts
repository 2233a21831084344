/** RFC 4180 CSV with a header row; cells holding a comma, quote or line break are quoted. */
export function toCsv<T extends Record<string, unknown>>(columns: ReadonlyArray<keyof T & string>, rows: readonly T[]): string {
  const cell = (v: unknown): string => {
    const s = v == null ? '' : v instanceof Date ? v.toISOString() : String(v);
    // A leading = + - @ would run as a formula in spreadsheets that open the export.
    const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\r\n') + '\r\n';
}
