import { checkAgent, permittedCountries } from './agent-eligibility';
import { evaluateTicket } from './evaluate-ticket';
import type { AgentEligibility, CompiledPolicy, ConsentFacts, Jurisdiction, Severity, Tier, TraceStep } from './policy.types';
import { SEVERITIES, TIERS } from './policy.types';

export interface SimulateRequest {
  at: string;
  ticket: {
    region?: string | null;
    severity: Severity;
    tier?: Tier;
    organizationId?: string;
    category?: string;
    skills?: string[];
  };
  agents: { id: string; country: string | null; skills?: string[] }[];
  consents?: { countries: string[]; expiresAt: string; revokedAt?: string | null; grantedAt?: string }[];
}

export interface SimulateResponse {
  policyVersion: string;
  jurisdiction: Jurisdiction;
  regionCountry: string | null;
  tier: Tier;
  flags: string[];
  routable: boolean;
  deferredUntil: string | null;
  allowedCountries: string[] | '*';
  agents: AgentEligibility[];
  trace: TraceStep[];
}

/** Bad simulation input; `details` has the SPEC 4 `{field, message}` shape for a 400 validation_failed. */
export class SimulationInputError extends Error {
  constructor(readonly details: { field: string; message: string }[]) {
    super(details.map((d) => `${d.field}: ${d.message}`).join('\n'));
    this.name = 'SimulationInputError';
  }
}

// An instant needs its offset: a bare local time would be read in the server's zone.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

function parseInstant(value: unknown, field: string, errors: SimulationInputError['details']): Date {
  const date = typeof value === 'string' && INSTANT.test(value) ? new Date(value) : new Date(NaN);
  if (Number.isNaN(date.getTime())) errors.push({ field, message: 'must be an ISO-8601 instant with Z or an offset' });
  return date;
}

function toConsents(req: SimulateRequest, errors: SimulationInputError['details']): ConsentFacts[] {
  return (req.consents ?? []).map((c, i) => ({
    countries: c.countries ?? [],
    expiresAt: parseInstant(c.expiresAt, `consents[${i}].expiresAt`, errors),
    grantedAt: c.grantedAt == null ? null : parseInstant(c.grantedAt, `consents[${i}].grantedAt`, errors),
    revokedAt: c.revokedAt == null ? null : parseInstant(c.revokedAt, `consents[${i}].revokedAt`, errors),
  }));
}

/** An explicit tier wins; otherwise the organisation is resolved, and unknown means null (fail closed). */
function tierOf(req: SimulateRequest, resolveTier?: (organizationId: string) => Tier | null): Tier | null {
  const { tier, organizationId } = req.ticket;
  if (tier !== undefined) return TIERS.includes(tier) ? tier : null;
  if (organizationId && resolveTier) return resolveTier(organizationId);
  return null;
}

/** The router's own code path (evaluateTicket + checkAgent) on request-supplied facts; touches no data. */
export function simulate(
  policy: CompiledPolicy,
  req: SimulateRequest,
  resolveTier?: (organizationId: string) => Tier | null,
): SimulateResponse {
  const errors: SimulationInputError['details'] = [];
  const now = parseInstant(req.at, 'at', errors);
  if (!SEVERITIES.includes(req.ticket?.severity)) errors.push({ field: 'ticket.severity', message: 'must be 1, 2, 3 or 4' });
  const consents = toConsents(req, errors);
  if (errors.length > 0) throw new SimulationInputError(errors);
  const { ticket } = req;
  const ev = evaluateTicket(
    policy,
    {
      region: ticket.region,
      severity: ticket.severity,
      tier: tierOf(req, resolveTier),
      category: ticket.category ?? null,
      skills: ticket.skills ?? [],
    },
    consents,
    now,
  );
  return {
    policyVersion: ev.policyVersion,
    jurisdiction: ev.jurisdiction,
    regionCountry: ev.regionCountry,
    tier: ev.tier,
    flags: ev.flags,
    routable: ev.routable,
    deferredUntil: ev.deferredUntil?.toISOString() ?? null,
    allowedCountries: permittedCountries(ev),
    agents: (req.agents ?? []).map((a) => checkAgent(ev, { id: a.id, country: a.country ?? null, skills: a.skills ?? [] })),
    trace: ev.trace,
  };
}
