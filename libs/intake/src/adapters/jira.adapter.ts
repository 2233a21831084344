import { ApiError } from '@eea/http';
import type { Severity } from '@eea/policy';
import type { IntakeCommand } from '../intake-command';
import { FieldReader, normaliseRegion } from './field-readers';

export const JIRA_PRIORITIES: Record<string, Severity> = { highest: 1, high: 2, medium: 3, low: 4, lowest: 4 };
const DEFAULT_SEVERITY: Severity = 3;

export interface JiraFieldSettings {
  /** Custom field ids (e.g. "customfield_10071") holding the region / organisation instead of labels. */
  regionField?: string;
  organizationField?: string;
}

/**
 * Maps Jira's own webhook JSON. Routing facts come from labels (`region:<aws-region>`, `org:<id>`,
 * `category:<c>`, `skill:<s>`, `problem:<ref>`, `lang:<l>`) unless custom fields are configured for
 * region and organisation. Everything else in the payload is ignored.
 */
export function adaptJira(body: Record<string, unknown>, deliveryHeader: string | undefined, settings: JiraFieldSettings, now: Date): IntakeCommand {
  const r = new FieldReader();
  const issue = r.record(body.issue, 'issue', true) ?? {};
  const fields = r.record(issue.fields, 'issue.fields', false) ?? {};
  const labels = r.list(fields.labels, 'issue.fields.labels');
  const label = (prefix: string) => labels.filter((l) => l.toLowerCase().startsWith(prefix)).map((l) => l.slice(prefix.length));
  const fromField = (id: string | undefined, fallback: string) =>
    id ? r.text(fieldText(fields[id]), `issue.fields.${id}`, 128) : r.text(label(fallback)[0], 'issue.fields.labels', 128);
  const priority = r.record(fields.priority, 'issue.fields.priority', false);
  const reporter = r.record(fields.reporter, 'issue.fields.reporter', false) ?? {};
  const event = r.text(body.webhookEvent, 'webhookEvent', 100);
  const closed = event === 'jira:issue_deleted' || (fields.resolution !== undefined && fields.resolution !== null);
  const command = {
    deliveryId: r.id(deliveryHeader, 'x-atlassian-webhook-identifier', true),
    event: closed ? 'ticket.closed' as const : event === 'jira:issue_created' ? 'ticket.created' as const : 'ticket.updated' as const,
    externalId: r.id(issue.key, 'issue.key', true),
    organizationId: fromField(settings.organizationField, 'org:') ?? '',
    region: normaliseRegion(fromField(settings.regionField, 'region:')),
    severity: r.severity(priority?.name, 'issue.fields.priority.name', JIRA_PRIORITIES, DEFAULT_SEVERITY),
    category: r.text(label('category:')[0], 'issue.fields.labels', 100) ?? null,
    skills: label('skill:').filter(Boolean),
    language: r.text(label('lang:')[0], 'issue.fields.labels', 35) ?? null,
    problemRef: r.text(label('problem:')[0], 'issue.fields.labels') ?? null,
    updatedAt: r.instant(fields.updated ?? body.timestamp, 'issue.fields.updated', now),
    requesterEmail: r.text(reporter.emailAddress, 'issue.fields.reporter.emailAddress', 320),
  };
  if (r.details.length > 0) throw ApiError.validation(r.details);
  return command as IntakeCommand;
}

/** Custom field values are plain text, select options ({value}), objects ({name}/{id}) or lists of those. */
function fieldText(value: unknown): unknown {
  if (Array.isArray(value)) return fieldText(value[0]);
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    return v.value ?? v.name ?? v.id;
  }
  return value;
}
