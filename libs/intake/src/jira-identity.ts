import type { EntityManager } from 'typeorm';
import type { IntakeCommand } from './intake-command';

/**
 * Jira tickets stored before issue.id became their identity carry their issue key as external_id
 * (and, since the migration, as external_key). The first delivery naming both the id and that key
 * moves the ticket under its id, so that it is updated instead of duplicated. Ids are numeric and
 * keys are not ("SUP-12"), so the two can never be confused.
 */
export async function adoptLegacyJiraTicket(m: EntityManager, source: string, c: IntakeCommand): Promise<void> {
  if (source !== 'jira' || !c.externalKey || c.externalKey === c.externalId) return;
  await m.query(
    `UPDATE tickets SET external_id = $1 WHERE source = 'jira' AND external_id = $2
        AND NOT EXISTS (SELECT 1 FROM tickets WHERE source = 'jira' AND external_id = $1)`,
    [c.externalId, c.externalKey],
  );
}
