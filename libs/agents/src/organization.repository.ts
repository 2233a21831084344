import { Db, entitySelectList, run, runOne, sql } from '@eea/database';
import { OrganizationEntity } from './organization.entity';

const COLUMNS = entitySelectList(OrganizationEntity, 'o');

export type OrganizationFacts = Pick<OrganizationEntity, 'id' | 'supportTier' | 'sources'>;

const ORGANIZATIONS = sql<OrganizationFacts>(
  'organizations.facts_by_ids',
  `SELECT o.id, o.support_tier AS "supportTier", o.sources FROM organizations o WHERE o.id = ANY($1::text[])`,
);

/** The tier and sources of these organisations (unknown ids left out). */
export async function organizationFacts(db: Db, ids: string[]): Promise<OrganizationFacts[]> {
  if (ids.length === 0) return [];
  return run(db, ORGANIZATIONS, [ids]);
}

const LIST = sql<OrganizationEntity>('organizations.list', `SELECT ${COLUMNS} FROM organizations o ORDER BY o.id LIMIT $1`);

export async function listOrganizations(db: Db, limit: number): Promise<OrganizationEntity[]> {
  return (await run(db, LIST, [limit])).map(toEntity);
}

const FIND = sql<OrganizationEntity>('organizations.find', `SELECT ${COLUMNS} FROM organizations o WHERE o.id = $1`);
const LOCK = sql<OrganizationEntity>('organizations.lock', `SELECT ${COLUMNS} FROM organizations o WHERE o.id = $1 FOR UPDATE`);

/** The organisation, or null; `lock` holds it until the transaction ends. */
export async function findOrganization(db: Db, id: string, options: { lock?: boolean } = {}): Promise<OrganizationEntity | null> {
  const row = await runOne(db, options.lock ? LOCK : FIND, [id]);
  return row ? toEntity(row) : null;
}

const UPSERT = sql<OrganizationEntity>(
  'organizations.upsert',
  `
  INSERT INTO organizations AS o (id, name, support_tier, sources) VALUES ($1, $2, $3, $4::text[])
    ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, support_tier = EXCLUDED.support_tier, sources = EXCLUDED.sources,
      updated_at = CASE WHEN (o.name, o.support_tier, o.sources) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.support_tier, EXCLUDED.sources)
        THEN now() ELSE o.updated_at END
  RETURNING ${COLUMNS}`,
);

/** Creates or replaces the organisation's settings; `updatedAt` moves only when one of them changed. */
export async function saveOrganization(
  db: Db,
  org: Pick<OrganizationEntity, 'id' | 'name' | 'supportTier' | 'sources'>,
): Promise<OrganizationEntity> {
  const row = await runOne(db, UPSERT, [org.id, org.name, org.supportTier, org.sources]);
  return toEntity(row!);
}

function toEntity(row: OrganizationEntity): OrganizationEntity {
  return Object.assign(new OrganizationEntity(), row);
}
