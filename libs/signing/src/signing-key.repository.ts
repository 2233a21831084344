import { Db, runOne, sql } from '@eea/database';

const FIND_OR_CREATE = sql<{ kid: string; private_key: string }>(
  'signing_keys.find_or_create',
  `
  WITH inserted AS (
    INSERT INTO signing_keys (kid, private_key) VALUES ($1, $2) ON CONFLICT (singleton) DO NOTHING RETURNING kid, private_key
  )
  SELECT kid, private_key FROM inserted UNION ALL SELECT kid, private_key FROM signing_keys LIMIT 1`,
);

/**
 * The development key, kept in PostgreSQL so that what it signed stays verifiable across restarts:
 * stores `candidate` unless a key is already there, and returns whichever key won (processes may race at start).
 */
export async function findOrCreateSigningKey(
  db: Db,
  candidate: { kid: string; der: string },
): Promise<{ kid: string; der: string }> {
  const row = await runOne(db, FIND_OR_CREATE, [candidate.kid, candidate.der]);
  return { kid: row!.kid, der: row!.private_key };
}
