import type { TicketAccessEntity, TicketEntity } from '@eea/tickets';
import { ConsentRow, buildSubjectExport } from './subject-export';

const AT = new Date('2026-11-23T10:00:00Z');

function ticket(id: string): TicketEntity {
  return {
    id,
    source: 'generic',
    externalId: id,
    organizationId: 'org',
    region: 'eu-west-1',
    regionCountry: 'IE',
    jurisdiction: 'EEA',
    tier: 'standard',
    severity: 2,
    category: null,
    skills: [],
    problemRef: 'P-1',
    status: 'queued',
    allowedCountries: ['IE'],
    deferredUntil: null,
    assigneeId: null,
    escalationCountry: null,
    flags: [],
    policyVersion: 'sha256:x',
    createdAt: AT,
    updatedAt: AT,
  } as unknown as TicketEntity;
}

function access(ticketId: string, consentId: string | null): TicketAccessEntity {
  return {
    ticketId,
    agentId: 'us-1',
    country: 'US',
    action: 'claim',
    transfer: consentId !== null,
    consentId,
    at: AT,
  } as TicketAccessEntity;
}

function consent(id: string, ticketId: string | null): ConsentRow {
  return { id, ticketId, countries: ['US'], grantedAt: AT, expiresAt: new Date('2026-11-30T10:00:00Z'), revokedAt: null };
}

describe('subject export: consents', () => {
  it("lists per ticket its own consents and those its accesses were made under, and no other ticket's", () => {
    const doc = buildSubjectExport(
      {
        tickets: [ticket('t1'), ticket('t2')],
        decisions: [],
        accesses: [access('t1', 'problem-consent'), access('t2', null)],
        consents: [consent('own-t1', 't1'), consent('problem-consent', null), consent('own-t2', 't2')],
        matched: new Map([
          ['t1', new Set(['email' as const])],
          ['t2', new Set(['email' as const])],
        ]),
      },
      'req-1',
      AT,
    );
    const byTicket = Object.fromEntries(doc.tickets.map((t) => [t.id, t.consents.map((c) => [c.id, c.scope])]));
    expect(byTicket).toEqual({
      t1: [
        ['own-t1', 'ticket'],
        ['problem-consent', 'problem'],
      ],
      t2: [['own-t2', 'ticket']],
    });
    expect(doc.tickets[0].consents[0]).toEqual({
      id: 'own-t1',
      scope: 'ticket',
      countries: ['US'],
      grantedAt: AT.toISOString(),
      expiresAt: '2026-11-30T10:00:00.000Z',
      revokedAt: null,
    });
  });
});
