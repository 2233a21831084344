import { DataSource, EntityManager } from 'typeorm';
import type { Db } from '@eea/database';
import { tokenActors } from './actors.repository';

/** The id the bootstrap admin (ADMIN_TOKEN) acts under: it has no row of its own. */
export const BOOTSTRAP_TOKEN_ID = '00000000-0000-0000-0000-000000000000';

export interface ActorView {
  id: string;
  name: string | null;
  role: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Who an audit or activity actor is, for people reading the log: a token id becomes the token's name
 * and role (looked up when read, so the log itself keeps ids only); `system` is the service itself.
 */
export async function describeActors(db: Db | DataSource, ids: Iterable<string>): Promise<Map<string, ActorView>> {
  const unique = [...new Set(ids)];
  const out = new Map<string, ActorView>(unique.map((id) => [id, { id, name: null, role: null }]));
  if (out.has('system')) out.set('system', { id: 'system', name: 'system', role: null });
  if (out.has(BOOTSTRAP_TOKEN_ID)) out.set(BOOTSTRAP_TOKEN_ID, { id: BOOTSTRAP_TOKEN_ID, name: 'ADMIN_TOKEN', role: 'admin' });
  const tokenIds = unique.filter((id) => UUID.test(id) && id !== BOOTSTRAP_TOKEN_ID);
  if (tokenIds.length > 0) {
    const rows = await tokenActors(db instanceof EntityManager ? db : db.manager, tokenIds);
    for (const r of rows) out.set(r.id, { id: r.id, name: r.name, role: r.role });
  }
  return out;
}
