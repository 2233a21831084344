import { formatExplanation, toSimulateRequest } from './explain-format';
import { shippedPolicy } from '../../../test/support/policy.fixtures';
import { simulate, SimulationInputError, type SimulateRequest } from './simulate';

const request: SimulateRequest = {
  at: '2026-01-17T12:00:00Z',
  ticket: { region: 'eu-west-1', severity: 2, tier: 'eea_only', skills: ['voice'] },
  agents: [
    { id: 'de-1', country: 'DE', skills: ['voice'] },
    { id: 'us-1', country: 'US', skills: ['voice'] },
    { id: 'ch-1', country: 'CH', skills: ['voice'] },
    { id: 'fr-1', country: 'FR' },
    { id: 'nowhere', country: null, skills: ['voice'] },
  ],
  consents: [{ countries: ['US'], expiresAt: '2026-01-20T00:00:00Z' }],
};

describe('simulate', () => {
  it('answers in the SPEC 4 shape with ISO-8601 Z dates', () => {
    const res = simulate(shippedPolicy, request);
    expect(Object.keys(res)).toEqual([
      'policyVersion',
      'jurisdiction',
      'regionCountry',
      'tier',
      'flags',
      'routable',
      'deferredUntil',
      'allowedCountries',
      'agents',
      'trace',
    ]);
    expect(res).toMatchObject({
      policyVersion: shippedPolicy.version,
      jurisdiction: 'EEA',
      regionCountry: 'IE',
      tier: 'eea_only',
      flags: ['consent_active', 'outside_support_hours'],
      routable: false,
      deferredUntil: '2026-01-19T08:00:00.000Z',
    });
    expect(res.allowedCountries).toContain('US');
    expect(res.agents).toEqual([
      { id: 'de-1', eligible: true, reasons: [] },
      { id: 'us-1', eligible: true, reasons: ['consent_unlocked:US'] },
      { id: 'ch-1', eligible: false, reasons: ['country_not_allowed'] },
      { id: 'fr-1', eligible: false, reasons: ['missing_skill:voice'] },
      { id: 'nowhere', eligible: false, reasons: ['no_country'] },
    ]);
    expect(JSON.parse(JSON.stringify(res))).toEqual(res);
  });

  it('resolves the tier from organizationId, unknown organisations failing closed', () => {
    const ticket = { region: 'eu-west-1', severity: 3 as const, organizationId: 'acme' };
    const base = { at: '2026-01-14T10:00:00Z', agents: [{ id: 'ch', country: 'CH' }] };
    expect(simulate(shippedPolicy, { ...base, ticket }, () => 'standard').agents[0].eligible).toBe(true);
    const unknown = simulate(shippedPolicy, { ...base, ticket }, () => null);
    expect(unknown).toMatchObject({ tier: 'eea_only', flags: ['unknown_organization'] });
    expect(simulate(shippedPolicy, { ...base, ticket }).flags).toEqual(['unknown_organization']);
    expect(simulate(shippedPolicy, { ...base, ticket: { ...ticket, tier: 'standard' } }, () => null).tier).toBe('standard');
  });

  it('reports bad input as field details', () => {
    const bad = {
      ...request,
      at: '2026-01-17 12:00',
      ticket: { ...request.ticket, severity: 7 as never },
      consents: [{ countries: ['US'], expiresAt: 'soon' }],
    };
    expect(() => simulate(shippedPolicy, bad)).toThrow(SimulationInputError);
    try {
      simulate(shippedPolicy, bad);
    } catch (e) {
      expect((e as SimulationInputError).details.map((d) => d.field)).toEqual(['at', 'ticket.severity', 'consents[0].expiresAt']);
    }
  });
});

describe('policy-explain formatting', () => {
  it('accepts a full request or a bare ticket, --at winning over the file', () => {
    expect(toSimulateRequest(request).ticket).toEqual(request.ticket);
    const bare = toSimulateRequest(
      { region: 'eu-west-1', severity: 1, agents: [{ id: 'a', country: 'DE' }] },
      '2026-01-01T00:00:00Z',
    );
    expect(bare).toEqual({
      at: '2026-01-01T00:00:00Z',
      ticket: { region: 'eu-west-1', severity: 1 },
      agents: [{ id: 'a', country: 'DE' }],
      consents: [],
    });
    expect(toSimulateRequest(request, '2027-01-01T00:00:00Z').at).toBe('2027-01-01T00:00:00Z');
    expect(() => toSimulateRequest({ ticket: { severity: 1 } })).toThrow(/--at/);
    expect(() => toSimulateRequest([])).toThrow(TypeError);
  });

  it('prints jurisdiction, tier, deferral, allowed countries, agents and the trace', () => {
    const text = formatExplanation(simulate(shippedPolicy, request));
    expect(text).toContain('Jurisdiction    EEA (region in IE)');
    expect(text).toContain('Tier            eea_only');
    expect(text).toContain('Routable now    no, deferred until 2026-01-19T08:00:00.000Z');
    expect(text).toMatch(/Allowed\s+AT, BE, .*US/);
    expect(text).toContain('ELIGIBLE      us-1  consent_unlocked:US');
    expect(text).toContain('NOT ELIGIBLE  ch-1  country_not_allowed');
    expect(text).toContain(' 1. region -> EEA: eu-west-1 is in IE');
  });

  it('shows an unrestricted ticket as any country', () => {
    const res = simulate(shippedPolicy, { at: '2026-01-17T12:00:00Z', ticket: { region: 'us-east-1', severity: 4 }, agents: [] });
    const text = formatExplanation(res);
    expect(text).toContain('Allowed         * (any country)');
    expect(text).toContain('Routable now    yes');
    expect(text).toContain('(none given)');
  });
});
