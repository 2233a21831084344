import type { PoolClient, Pool, QueryResultRow } from 'pg';
import { EntityManager } from 'typeorm';

/**
 * A hot statement PostgreSQL parses and plans once per connection instead of on every call (for the
 * intake and routing statements planning cost as much as executing them). Names are unique per
 * statement text: a connection refuses a known name with different text.
 */
export interface PreparedStatement {
  readonly name: string;
  readonly text: string;
}

export function preparedStatement(name: string, text: string): PreparedStatement {
  return Object.freeze({ name, text });
}

/**
 * Runs `statement` on the manager's connection: the transaction's own when the manager belongs to one,
 * otherwise any connection of the pool. Returns the rows, whatever the command.
 */
export async function queryPrepared<T extends QueryResultRow>(
  manager: EntityManager,
  statement: PreparedStatement,
  values: unknown[],
): Promise<T[]> {
  const config = { name: statement.name, text: statement.text, values };
  const runner = manager.queryRunner;
  if (runner) {
    if (runner.isReleased) throw new Error('query runner already released');
    const client = (await runner.connect()) as PoolClient;
    return (await client.query<T>(config)).rows;
  }
  const pool = (manager.connection.driver as unknown as { master?: Pool }).master;
  if (!pool) throw new Error('database pool not connected');
  return (await pool.query<T>(config)).rows;
}
