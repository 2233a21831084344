import { EntityManager } from 'typeorm';

/**
 * TypeORM's postgres driver answers UPDATE/DELETE ... RETURNING with [rows, affectedCount] but
 * INSERT/SELECT with rows: this gives rows either way.
 */
export async function queryRows<T>(manager: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  const result = await manager.query(sql, params);
  return (
    Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number' ? result[0] : result
  ) as T[];
}
