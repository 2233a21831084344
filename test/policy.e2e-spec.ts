import { TestApp, createTestApp, seedOrganization } from '@eea/testing';

const AGENTS = [
  { id: 'de', country: 'DE' },
  { id: 'ie', country: 'IE' },
  { id: 'ch', country: 'CH' },
  { id: 'gb', country: 'GB' },
  { id: 'in', country: 'IN' },
  { id: 'ph', country: 'PH' },
  { id: 'us', country: 'US' },
  { id: 'br', country: 'BR' },
  { id: 'none', country: null },
];
const MONDAY_NOON_BRUSSELS = '2026-11-23T11:00:00Z';
const SATURDAY_BRUSSELS = '2026-11-28T10:00:00Z';

function eligibleIds(body: { agents: Array<{ id: string; eligible: boolean }> }): string[] {
  return body.agents
    .filter((a) => a.eligible)
    .map((a) => a.id)
    .sort();
}

/** POST /v1/policy/simulate answers the documented cases of SPEC 3 through the router's own engine. */
describe('policy simulation over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    await seedOrganization(t, 'acme-eu', 'eea_only');
  });
  afterAll(async () => {
    await t.close();
  });

  const simulate = (body: unknown) => t.request('POST', '/v1/policy/simulate', { body });

  it('standard tier: EEA, adequacy and offshore countries, never the US or others', async () => {
    const res = await simulate({
      at: SATURDAY_BRUSSELS,
      ticket: { region: 'eu-west-1', severity: 3, tier: 'standard' },
      agents: AGENTS,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      jurisdiction: 'EEA',
      regionCountry: 'IE',
      tier: 'standard',
      routable: true,
      deferredUntil: null,
    });
    expect(res.body.policyVersion).toMatch(/^sha256:/);
    expect(eligibleIds(res.body)).toEqual(['ch', 'de', 'gb', 'ie', 'in', 'ph']);
    expect(res.body.trace.length).toBeGreaterThan(0);
  });

  it('eea_only tier: EEA agents only, and sev 2-4 outside hours defer to the next opening', async () => {
    const res = await simulate({
      at: SATURDAY_BRUSSELS,
      ticket: { region: 'eu-central-1', severity: 3, organizationId: 'acme-eu' },
      agents: AGENTS,
    });
    expect(res.body).toMatchObject({ tier: 'eea_only', routable: false, deferredUntil: '2026-11-30T08:00:00.000Z' });
    expect(eligibleIds(res.body)).toEqual(['de', 'ie']);
    const sev1 = await simulate({
      at: SATURDAY_BRUSSELS,
      ticket: { region: 'eu-central-1', severity: 1, organizationId: 'acme-eu' },
      agents: AGENTS,
    });
    expect(sev1.body).toMatchObject({ routable: true, deferredUntil: null });
  });

  it('an active consent unlocks the US; an expired or revoked one does not', async () => {
    const base = { at: MONDAY_NOON_BRUSSELS, ticket: { region: 'eu-west-3', severity: 2, tier: 'eea_only' }, agents: AGENTS };
    const active = await simulate({ ...base, consents: [{ countries: ['US'], expiresAt: '2026-11-30T00:00:00Z' }] });
    expect(eligibleIds(active.body)).toEqual(['de', 'ie', 'us']);
    const expired = await simulate({ ...base, consents: [{ countries: ['US'], expiresAt: '2026-11-22T00:00:00Z' }] });
    const revoked = await simulate({
      ...base,
      consents: [{ countries: ['US'], expiresAt: '2026-11-30T00:00:00Z', revokedAt: '2026-11-23T10:00:00Z' }],
    });
    expect(eligibleIds(expired.body)).toEqual(['de', 'ie']);
    expect(eligibleIds(revoked.body)).toEqual(['de', 'ie']);
  });

  it('fails closed on unknown regions and organisations, and trusts countries over region names', async () => {
    const unknownRegion = await simulate({
      at: MONDAY_NOON_BRUSSELS,
      ticket: { region: 'eu-moon-1', severity: 2, tier: 'standard' },
      agents: AGENTS,
    });
    expect(unknownRegion.body).toMatchObject({ jurisdiction: 'UNKNOWN' });
    expect(unknownRegion.body.flags).toContain('unknown_region');
    expect(eligibleIds(unknownRegion.body)).toEqual(['de', 'ie']);
    const unknownOrg = await simulate({
      at: MONDAY_NOON_BRUSSELS,
      ticket: { region: 'eu-west-1', severity: 2, organizationId: 'nobody' },
      agents: AGENTS,
    });
    expect(unknownOrg.body.tier).toBe('eea_only');
    expect(unknownOrg.body.flags).toContain('unknown_organization');
    const zurich = await simulate({
      at: SATURDAY_BRUSSELS,
      ticket: { region: 'eu-central-2', severity: 3, tier: 'eea_only' },
      agents: AGENTS,
    });
    expect(zurich.body).toMatchObject({ jurisdiction: 'NON_EEA', regionCountry: 'CH', allowedCountries: '*', routable: true });
    expect(eligibleIds(zurich.body)).toEqual(AGENTS.map((a) => a.id).sort());
  });

  it('excluded categories follow the standard rules, still restricted', async () => {
    const res = await simulate({
      at: SATURDAY_BRUSSELS,
      ticket: { region: 'eu-north-1', severity: 3, tier: 'eea_only', category: 'professional_services' },
      agents: AGENTS,
    });
    expect(res.body).toMatchObject({ tier: 'standard', routable: true, jurisdiction: 'EEA' });
    expect(eligibleIds(res.body)).toEqual(['ch', 'de', 'gb', 'ie', 'in', 'ph']);
  });

  it('rejects bad input naming each field', async () => {
    const res = await simulate({ at: 'yesterday', ticket: { severity: 7 }, agents: [{ id: 'x', country: 'Germany' }] });
    expect(res.status).toBe(400);
    const fields = res.body.error.details.map((d: { field: string }) => d.field).sort();
    expect(fields).toEqual(['agents[0].country', 'at', 'ticket.severity']);
  });
});
