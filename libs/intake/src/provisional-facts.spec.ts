import { shippedPolicy } from '../../../test/support/policy.fixtures';
import { IntakeCommand } from './intake-command';
import { UNKNOWN_ORGANIZATION, provisionalFacts, provisionalFactsByTier } from './provisional-facts';

const command = (overrides: Partial<IntakeCommand> = {}): IntakeCommand => ({
  deliveryId: 'd1',
  event: 'ticket.created',
  externalId: 'x1',
  organizationId: 'acme',
  region: 'eu-west-1',
  severity: 2,
  category: null,
  skills: [],
  language: null,
  problemRef: null,
  updatedAt: new Date('2026-01-05T10:00:00Z'),
  ...overrides,
});

describe('provisionalFactsByTier', () => {
  it('holds, for each possible organisation tier, exactly what a separate lookup would give', () => {
    for (const c of [
      command(),
      command({ region: null }),
      command({ category: 'professional_services' }),
      command({ region: 'us-east-1' }),
    ]) {
      const byTier = provisionalFactsByTier(shippedPolicy, c);
      expect(byTier[UNKNOWN_ORGANIZATION]).toEqual(provisionalFacts(shippedPolicy, c, null));
      expect(byTier.standard).toEqual(provisionalFacts(shippedPolicy, c, 'standard'));
      expect(byTier.eea_only).toEqual(provisionalFacts(shippedPolicy, c, 'eea_only'));
    }
  });

  it('fails closed for an unknown organisation', () => {
    const unknown = provisionalFactsByTier(shippedPolicy, command())[UNKNOWN_ORGANIZATION];
    expect(unknown).toMatchObject({ tier: 'eea_only', jurisdiction: 'EEA', regionCountry: 'IE' });
    expect(unknown.flags).toContain('unknown_organization');
  });
});
