import { ApiError, ErrorDetail } from '@eea/http';
import type { IntakeCommand } from '../intake-command';
import type { SourceVocabulary } from '../sources/vocabulary';
import { VendorReader, normaliseRegion, organisations } from './field-readers';

export interface JiraFieldSettings {
  /** Custom field ids (e.g. "customfield_10071") holding the region / organisation instead of labels. */
  regionField?: string;
  organizationField?: string;
}

export interface JiraDelivery {
  identifier: string | undefined;
  receivedAt: Date;
}

/**
 * Maps Jira's own webhook JSON. The issue is identified by `issue.id` (stable across moves); its
 * key travels as `externalKey`. Routing facts come from labels (`region:`, `org:`, `category:`,
 * `skill:`, `problem:`, `lang:`) unless custom fields are configured for region and organisation
 * (Jira Service Management's Organizations field may name several). Values are never refused.
 */
export function adaptJira(
  body: Record<string, unknown>,
  d: JiraDelivery,
  settings: JiraFieldSettings,
  v: SourceVocabulary,
): IntakeCommand {
  const r = new VendorReader();
  const issue = r.record(body.issue) ?? {};
  const fields = r.record(issue.fields) ?? {};
  const deliveryId = r.text(d.identifier);
  const externalId = r.text(issue.id) ?? r.text(issue.key);
  const missing: ErrorDetail[] = [];
  if (!deliveryId) missing.push({ field: 'x-atlassian-webhook-identifier', message: 'is required' });
  if (!externalId) missing.push({ field: 'issue.id', message: 'is required' });
  if (missing.length > 0) throw ApiError.validation(missing);

  const labels = r.items(fields.labels);
  const label = (prefix: string) =>
    labels
      .filter((l) => l.toLowerCase().startsWith(prefix))
      .map((l) => l.slice(prefix.length))
      .filter(Boolean);
  const fromField = (id: string | undefined, prefix: string) => (id ? fieldTexts(fields[id]) : label(prefix));
  const orgNames = fromField(settings.organizationField, 'org:')
    .map((o) => r.text(o))
    .filter((o): o is string => !!o);
  const status = jiraStatus(r, body.webhookEvent, fields, v);
  const category = r.text(label('category:')[0], 100);
  const priority = r.record(fields.priority);
  const reporter = r.record(fields.reporter) ?? {};
  const sent = typeof body.timestamp === 'number' ? r.instant(body.timestamp, d.receivedAt) : null;
  const updatedAt = fields.updated !== undefined || sent === null ? r.instant(fields.updated, d.receivedAt) : sent;
  return {
    deliveryId: deliveryId!,
    event:
      status === 'resolved' ? 'ticket.closed' : body.webhookEvent === 'jira:issue_created' ? 'ticket.created' : 'ticket.updated',
    statusKnown: status !== 'unmapped',
    externalId: externalId!,
    externalKey: r.text(issue.key, 100) ?? null,
    ...organisations(r, orgNames),
    region: normaliseRegion(r.text(fromField(settings.regionField, 'region:')[0], 64)),
    severity: r.severity(priority?.name, v.priorities, v.defaultSeverity),
    category: category ? (v.categories.get(category) ?? null) : null,
    skills: r.skills(label('skill:')),
    language: r.text(label('lang:')[0], 35) ?? null,
    problemRef: r.text(label('problem:')[0]) ?? null,
    updatedAt: updatedAt ?? d.receivedAt,
    timestamped: updatedAt !== null,
    sentAt: sent,
    flags: [...r.flags].sort(),
    requesterEmail: r.text(reporter.emailAddress, 320),
    requesterExternalId: r.text(reporter.accountId, 128) ?? r.text(reporter.key, 128),
  };
}

/** Deleted, or "done" by name or by Jira's language-independent status category. */
function jiraStatus(
  r: VendorReader,
  event: unknown,
  fields: Record<string, unknown>,
  v: SourceVocabulary,
): 'open' | 'resolved' | 'unmapped' {
  if (event === 'jira:issue_deleted') return 'resolved';
  const status = r.record(fields.status);
  const name = r.text(status?.name, 100);
  const category = r.record(status?.statusCategory)?.key;
  if (name && v.resolvedStatuses.has(name)) return 'resolved';
  if (name && v.openStatuses.has(name)) return 'open';
  if (category === 'done') return 'resolved';
  if (category === 'new' || category === 'indeterminate') return 'open';
  if (!status) return fields.resolution !== undefined && fields.resolution !== null ? 'resolved' : 'open';
  r.flag('unmapped_status');
  return 'unmapped';
}

/** Custom field values are text, select options ({value}), objects ({name}/{id}) or lists of those. */
function fieldTexts(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list
    .map((item) => {
      if (item && typeof item === 'object') {
        const o = item as Record<string, unknown>;
        return o.value ?? o.name ?? o.id;
      }
      return item;
    })
    .filter((x): x is string | number => typeof x === 'string' || typeof x === 'number')
    .map(String);
}
