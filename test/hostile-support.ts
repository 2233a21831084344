import { DataSource } from 'typeorm';
import type { TestResponse } from '@eea/testing';

export const ERROR_SHAPE = {
  error: { code: expect.stringMatching(/^[a-z_]+$/), message: expect.any(String), details: expect.any(Array) },
};
/** What must never reach a client: stack frames, SQL, driver and framework internals. */
export const LEAKS =
  /\.(js|ts):\d+:\d+|QueryFailedError|SELECT |INSERT |UPDATE |violates|node_modules|TypeError|duplicate key|FST_/;

/** Status, our error shape, nothing leaked; returns the detail fields for further checks. */
export function expectRejected(res: TestResponse, status: number): string[] {
  expect([res.status, res.body]).toEqual([status, ERROR_SHAPE]);
  expect(res.text).not.toMatch(LEAKS);
  return res.body.error.details.map((d: { field?: string }) => d.field);
}

/** Row counts of every table in one query: the state a rejected request must leave untouched. */
export async function tableCounts(dataSource: DataSource): Promise<Record<string, string>> {
  const tables: { name: string }[] = await dataSource.query(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const [row] = await dataSource.query(
    `SELECT ${tables.map((t) => `(SELECT count(*) FROM "${t.name}") AS "${t.name}"`).join(', ')}`,
  );
  return row;
}
