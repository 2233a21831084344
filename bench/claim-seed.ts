/**
 * Seeds the claims benchmark: 100,000 open tickets straight into PostgreSQL with the allowed
 * countries the policy itself gives (asked through /v1/policy/simulate, so the rows are never
 * stale), and 200 agents with tokens through the API.
 */
import { Client } from 'pg';
import { ApiClient, setUpAgent } from '../scripts/support/http';
import { pool } from './stats';

export const AGENT_COUNTRIES = ['DE', 'FR', 'IE', 'IN', 'PH', 'US', 'PL', 'ES', 'NL', 'GB'];

export interface SeededAgent {
  id: string;
  country: string;
  token: string;
}

interface Shape {
  tier: 'standard' | 'eea_only';
  region: string;
  allowed: string[] | '*';
  country: string;
  jurisdiction: string;
  policyVersion: string;
}

async function shape(admin: ApiClient, tier: Shape['tier'], region: string, severity: number, at = new Date()) {
  const res = await admin.expect([200], 'POST', '/v1/policy/simulate', {
    at: at.toISOString(),
    ticket: { region, severity, tier },
    agents: [],
  });
  return res.body as {
    allowedCountries: string[] | '*';
    regionCountry: string;
    jurisdiction: string;
    policyVersion: string;
    routable: boolean;
  };
}

/** Inserts `count` queued tickets: 60% EEA-only, 25% standard (EEA region), 15% unrestricted (US region). */
export async function seedTickets(admin: ApiClient, db: Client, count: number): Promise<{ eeaOnlyAllSev1: boolean }> {
  const eea = await shape(admin, 'eea_only', 'eu-central-1', 3);
  const std = await shape(admin, 'standard', 'eu-west-1', 3);
  const open = await shape(admin, 'standard', 'us-east-1', 3);
  // Outside Brussels business hours an EEA-only sev 2-4 ticket is deferred, not claimable: seed sev 1 then.
  const eeaOnlyAllSev1 = !eea.routable;
  const arr = (a: string[] | '*') => (a === '*' ? null : `{${a.join(',')}}`);
  await db.query(
    `INSERT INTO tickets (source, external_id, organization_id, region, region_country, jurisdiction, tier, severity,
                          status, allowed_countries, policy_version, source_updated_at, waiting_since)
     SELECT 'generic', 'claim-' || g, c.org, c.region, c.country, c.jurisdiction, c.tier,
            CASE WHEN c.kind = 'eea' AND $4 THEN 1 ELSE ((g / 20) % 4) + 1 END,
            'queued', c.allowed::text[], $5, now(), now() - ((g * 7919) % 86400) * interval '1 second'
       FROM generate_series(1, $1::int) g
       CROSS JOIN LATERAL (SELECT CASE WHEN g % 20 < 12 THEN 'eea' WHEN g % 20 < 17 THEN 'std' ELSE 'open' END AS kind) k
       JOIN (VALUES ('eea', 'bench-eea', 'eu-central-1', $6, $7, 'eea_only', $2),
                    ('std', 'bench-std', 'eu-west-1', $8, $9, 'standard', $3),
                    ('open', 'bench-std', 'us-east-1', $10, $11, 'standard', NULL))
            AS c(kind, org, region, country, jurisdiction, tier, allowed) ON c.kind = k.kind`,
    [
      count,
      arr(eea.allowedCountries),
      arr(std.allowedCountries),
      eeaOnlyAllSev1,
      eea.policyVersion,
      eea.regionCountry,
      eea.jurisdiction,
      std.regionCountry,
      std.jurisdiction,
      open.regionCountry,
      open.jurisdiction,
    ],
  );
  await db.query('ANALYZE tickets');
  return { eeaOnlyAllSev1 };
}

/** 200 agents over AGENT_COUNTRIES, each available with capacity 1000 and its own agent token. */
export async function seedAgents(admin: ApiClient, count: number): Promise<SeededAgent[]> {
  const agents: SeededAgent[] = [];
  const ids = Array.from({ length: count }, (_, i) => i);
  await pool(ids, 10, async (i) => {
    const id = `bench-agent-${String(i).padStart(3, '0')}`;
    const country = AGENT_COUNTRIES[i % AGENT_COUNTRIES.length];
    const token = await setUpAgent(admin, { id, name: `Bench agent ${i}`, country, capacity: 1000 });
    agents.push({ id, country, token });
  });
  return agents;
}
