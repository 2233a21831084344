import { Db, run, sql } from '@eea/database';

// api_tokens belongs to libs/auth, which sits above this lib (it appends audit entries): naming the
// actors of the log is the one read of it made from here, and it only reads.
const TOKEN_ACTORS = sql<{ id: string; name: string; role: string }>(
  'api_tokens.actor_names',
  `SELECT id, name, role FROM api_tokens WHERE id = ANY($1::uuid[])`,
);

/** Name and role of each token among `ids` that exists (revoked ones included). */
export function tokenActors(db: Db, ids: string[]): Promise<Array<{ id: string; name: string; role: string }>> {
  return run(db, TOKEN_ACTORS, [ids]);
}
