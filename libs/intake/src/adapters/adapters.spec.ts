import { join } from 'node:path';
import { ApiError } from '@eea/http';
import { adaptGeneric } from './generic.adapter';
import { adaptJira } from './jira.adapter';
import { adaptZendesk } from './zendesk.adapter';
import { loadSourcesFile } from '../sources/sources-file';

const VOCABULARIES = loadSourcesFile(join(__dirname, '../../../../config/sources.yaml'));

const NOW = new Date('2026-03-02T10:00:00Z');

function details(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    return (e as ApiError).details.map((d) => d.field!).sort();
  }
  throw new Error('expected a validation error');
}

describe('generic adapter', () => {
  const body = (ticket: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
    deliveryId: 'd-1',
    event: 'ticket.created',
    ticket: {
      externalId: 'T-1',
      organizationId: 'acme',
      region: ' EU-West-1 ',
      severity: 2,
      updatedAt: '2026-03-02T09:00:00Z',
      ...ticket,
    },
    ...extra,
  });

  it('maps to the intake command, normalising the region and dropping subject and names', () => {
    const c = adaptGeneric(
      body({
        subject: 'Help',
        skills: ['voice', ' voice ', 'chat'],
        requester: { name: 'N', email: 'e@x.example', phone: '+1 5' },
      }),
    );
    expect(c).toEqual({
      deliveryId: 'd-1',
      event: 'ticket.created',
      externalId: 'T-1',
      organizationId: 'acme',
      region: 'eu-west-1',
      severity: 2,
      category: null,
      skills: ['voice', 'chat'],
      language: null,
      problemRef: null,
      updatedAt: new Date('2026-03-02T09:00:00Z'),
      requesterEmail: 'e@x.example',
      requesterPhone: '+1 5',
    });
    expect(JSON.stringify(c)).not.toContain('Help');
  });

  it('names every bad or unknown field', () => {
    expect(
      details(() => adaptGeneric(body({ severity: 5, colour: 1, requester: { age: 3 } }, { event: 'ticket.moved', x: 1 }))),
    ).toEqual(['<unknown key>', 'event', 'ticket.<unknown key>', 'ticket.requester.<unknown key>', 'ticket.severity']);
    expect(details(() => adaptGeneric(body({ severity: '1', updatedAt: 'soon', organizationId: '' })))).toEqual([
      'ticket.organizationId',
      'ticket.severity',
      'ticket.updatedAt',
    ]);
    expect(details(() => adaptGeneric({ deliveryId: 'd', event: 'ticket.created', ticket: 'x' }))).toContain('ticket');
  });
});

describe('zendesk adapter', () => {
  const body = (ticket: Record<string, unknown>) => ({
    ticket: { id: 42, organization: 'ACME Corp', region: 'eu-west-1', updated_at: '2026-03-02T09:00:00Z', ...ticket },
    ignored: { a: 1 },
  });
  const adapt = (b: Record<string, unknown>, invocationId: string | undefined = 'inv-1', sentAt: Date | null = null) =>
    adaptZendesk(b, { invocationId, sentAt, receivedAt: NOW }, VOCABULARIES.zendesk);

  it.each([
    ['urgent', 1],
    ['High', 2],
    ['NORMAL', 3],
    ['low', 4],
    ['Dringend', 1],
    [' élevée ', 2],
    ['', 3],
    ['-', 3],
    [undefined, 3],
  ])('maps priority %p to severity %p without a flag', (priority, severity) => {
    const c = adapt(body({ priority }));
    expect(c.severity).toBe(severity);
    expect(c.flags).toEqual([]);
  });

  it('takes the default severity and a flag for an unmapped priority, never an error', () => {
    expect(adapt(body({ priority: 'whenever' }))).toMatchObject({ severity: 3, flags: ['unmapped_priority'] });
  });

  it('reads skills only from prefixed tags, lower-cased, and maps the category', () => {
    const c = adapt(body({ tags: 'web_widget skill_Voice macro_42 region_eu skill_chat', category: 'professional_services' }));
    expect(c).toMatchObject({ skills: ['voice', 'chat'], category: 'professional_services', organizationId: 'ACME Corp' });
    expect(adapt(body({ category: 'Incident' })).category).toBeNull();
  });

  it('closes on solved or closed in any covered language and leaves an unknown status alone, flagged', () => {
    expect(adapt(body({ status: 'Gelöst', updated_at: '2026-03-02T09:00:00Z' }))).toMatchObject({
      event: 'ticket.closed',
      statusKnown: true,
    });
    expect(adapt(body({ status: 'Offen' }))).toMatchObject({ event: 'ticket.updated', statusKnown: true });
    expect(adapt(body({ status: 'Awaiting vendor' }))).toMatchObject({ statusKnown: false, flags: ['unmapped_status'] });
  });

  it('keeps the requester id for its pseudonym and the signed send time for ordering', () => {
    const sent = new Date('2026-03-02T09:59:00Z');
    const c = adapt(
      body({ updated_at: '2026-03-02T09:00:00Z', requester: { id: 9001, name: 'N', email: 'alice@example.test' } }),
      'inv-1',
      sent,
    );
    expect(c).toMatchObject({
      requesterExternalId: '9001',
      requesterEmail: 'alice@example.test',
      sentAt: sent,
      timestamped: true,
    });
    expect(JSON.stringify(c)).not.toContain('"N"');
  });

  it('flags unreadable or implausible timestamps and uses the receipt time', () => {
    for (const updated_at of ['March 2, 2026 10:15', '1970-01-01T00:00:00Z', '2031-01-01T00:00:00Z', undefined]) {
      expect(adapt(body({ updated_at }))).toMatchObject({ updatedAt: NOW, timestamped: false, flags: ['invalid_timestamp'] });
    }
  });

  it('cuts what is too long or too many and flags it', () => {
    const tags = Array.from({ length: 80 }, (_, i) => `skill_s${i}`).join(' ');
    const c = adapt(body({ organization: 'x'.repeat(300), tags }));
    expect(c.organizationId).toHaveLength(200);
    expect(c.skills).toHaveLength(50);
    expect(c.flags).toEqual(['truncated']);
  });

  it('refuses only a body without ticket id or a delivery without invocation id', () => {
    expect(
      details(() =>
        adaptZendesk(body({ id: null }), { invocationId: undefined, sentAt: null, receivedAt: NOW }, VOCABULARIES.zendesk),
      ),
    ).toEqual(['ticket.id', 'x-zendesk-webhook-invocation-id']);
    expect(details(() => adapt({ ticket: [] }))).toEqual(['ticket.id']);
  });
});

describe('jira adapter', () => {
  const issue = (fields: Record<string, unknown>, webhookEvent = 'jira:issue_created', extra: Record<string, unknown> = {}) => ({
    webhookEvent,
    timestamp: NOW.getTime() - 1000,
    ...extra,
    issue: {
      id: '10042',
      key: 'SUP-1',
      fields: { labels: ['region:EU-WEST-1', 'org:acme', 'skill:Voice', 'category:professional_services'], ...fields },
    },
  });
  const adapt = (b: Record<string, unknown>, settings = {}) =>
    adaptJira(b, { identifier: 'd', receivedAt: NOW }, settings, VOCABULARIES.jira);

  it.each([
    ['Highest', 1],
    ['High', 2],
    ['Medium', 3],
    ['Low', 4],
    ['Lowest', 4],
    ['Blocker', 1],
    ['Critical', 2],
    ['Major', 3],
    ['Minor', 4],
    ['Trivial', 4],
  ])('maps priority %p to severity %p', (name, severity) => {
    expect(adapt(issue({ priority: { name } })).severity).toBe(severity);
  });

  it('identifies the issue by id, keeps the key, reads labels, Jira offsets and the reporter accountId', () => {
    const c = adapt(
      issue({ updated: '2026-03-02T11:00:00.000+0100', reporter: { accountId: '557058:0000-a', displayName: 'R' } }),
    );
    expect(c).toMatchObject({
      event: 'ticket.created',
      externalId: '10042',
      externalKey: 'SUP-1',
      region: 'eu-west-1',
      organizationId: 'acme',
      skills: ['voice'],
      category: 'professional_services',
      requesterExternalId: '557058:0000-a',
      flags: [],
    });
    expect(c.updatedAt).toEqual(new Date('2026-03-02T10:00:00Z'));
    expect(c.sentAt).toEqual(new Date(NOW.getTime() - 1000));
  });

  it('takes every organisation of a configured field (Jira Service Management) and flags several', () => {
    const settings = { regionField: 'customfield_1', organizationField: 'customfield_2' };
    const c = adapt(
      issue({
        customfield_1: { value: 'us-east-1' },
        customfield_2: [
          { id: 7, name: 'ACME Corp' },
          { id: 8, name: 'müller-gmbh' },
        ],
      }),
      settings,
    );
    expect(c).toMatchObject({
      region: 'us-east-1',
      organizationId: 'ACME Corp',
      organizationIds: ['ACME Corp', 'müller-gmbh'],
      flags: ['multiple_organizations'],
    });
  });

  it('flags an unmapped priority and status instead of refusing them', () => {
    const c = adapt(
      issue({ priority: { name: 'P1' }, status: { name: 'Triage', statusCategory: { key: 'undefined' } } }, 'jira:issue_updated'),
    );
    expect(c).toMatchObject({ severity: 3, statusKnown: false, flags: ['unmapped_priority', 'unmapped_status'] });
  });

  it('closes on deletion, a done status (by name or category) or a resolution', () => {
    expect(adapt(issue({}, 'jira:issue_deleted')).event).toBe('ticket.closed');
    expect(adapt(issue({ status: { name: 'Erledigt', statusCategory: { key: 'done' } } }, 'jira:issue_updated')).event).toBe(
      'ticket.closed',
    );
    expect(adapt(issue({ status: { name: 'Done' } }, 'jira:issue_updated')).event).toBe('ticket.closed');
    expect(adapt(issue({ resolution: { name: 'Done' } }, 'jira:issue_updated')).event).toBe('ticket.closed');
    expect(adapt(issue({ status: { name: 'In Progress' }, resolution: null }, 'jira:issue_updated')).event).toBe(
      'ticket.updated',
    );
  });

  it('has no timestamp when neither fields.updated nor the webhook timestamp can be read', () => {
    expect(adapt(issue({}, 'jira:issue_created', { timestamp: undefined }))).toMatchObject({
      timestamped: false,
      flags: ['invalid_timestamp'],
    });
  });

  it('refuses only a body without issue id and key, or a delivery without identifier', () => {
    expect(
      details(() => adaptJira({ issue: { fields: {} } }, { identifier: undefined, receivedAt: NOW }, {}, VOCABULARIES.jira)),
    ).toEqual(['issue.id', 'x-atlassian-webhook-identifier']);
  });
});
