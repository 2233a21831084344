import type { IntakeCommand } from './intake-command';

/**
 * Jira tickets stored before issue.id became their identity carry their issue key as external_id
 * (and, since the migration, as external_key). The first delivery naming both the id and that key
 * moves the ticket under its id (`adoptLegacyJiraTicket` in the ticket store), so that it is updated
 * instead of duplicated. Ids are numeric and keys are not ("SUP-12"), so the two can never be confused.
 */
export function isLegacyJiraDelivery(source: string, c: IntakeCommand): c is IntakeCommand & { externalKey: string } {
  return source === 'jira' && !!c.externalKey && c.externalKey !== c.externalId;
}
