import { Db, runOne, sql } from '@eea/database';

// A read of another lib's table (organizations, owned by @eea/agents): whether a problem-scoped grant names a known organisation.
const ORGANIZATION_EXISTS = sql<{ found: boolean }>(
  'organizations.exists_for_consent',
  `SELECT EXISTS (SELECT 1 FROM organizations o WHERE o.id = $1) AS found`,
);

export async function organizationExists(db: Db, organizationId: string): Promise<boolean> {
  return (await runOne(db, ORGANIZATION_EXISTS, [organizationId]))?.found === true;
}
