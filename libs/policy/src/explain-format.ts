import type { SimulateRequest, SimulateResponse } from './simulate';

/**
 * Accepts either a full SimulateRequest or a bare ticket (with optional `agents`/`consents`
 * beside it), so a ticket copied from the API can be explained as is. `at` on the command line wins.
 */
export function toSimulateRequest(input: unknown, at?: string): SimulateRequest {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new TypeError('the ticket file must hold a JSON object');
  }
  const doc = input as Record<string, unknown>;
  const isRequest = typeof doc.ticket === 'object' && doc.ticket !== null;
  const { agents, consents, at: fileAt, ...bareTicket } = doc;
  const ticket = (isRequest ? doc.ticket : bareTicket) as SimulateRequest['ticket'];
  const instant = at ?? (typeof fileAt === 'string' ? fileAt : undefined);
  if (!instant) throw new TypeError('no instant: give --at <ISO instant> or an "at" field');
  return {
    at: instant,
    ticket,
    agents: Array.isArray(agents) ? agents : [],
    consents: Array.isArray(consents) ? consents : [],
  };
}

const yesNo = (b: boolean) => (b ? 'yes' : 'no');

/** Human-readable explanation of one simulated routing decision. */
export function formatExplanation(res: SimulateResponse): string {
  const allowed = res.allowedCountries === '*' ? '* (any country)' : res.allowedCountries.join(', ') || '(none)';
  const region = res.regionCountry ? ` (region in ${res.regionCountry})` : '';
  const lines = [
    `Policy          ${res.policyVersion}`,
    `Jurisdiction    ${res.jurisdiction}${region}`,
    `Tier            ${res.tier}`,
    `Flags           ${res.flags.join(', ') || '(none)'}`,
    `Routable now    ${yesNo(res.routable)}${res.deferredUntil ? `, deferred until ${res.deferredUntil}` : ''}`,
    `Allowed         ${allowed}`,
    '',
    'Agents',
  ];
  if (res.agents.length === 0) lines.push('  (none given)');
  for (const a of res.agents) {
    const why = a.reasons.length ? `  ${a.reasons.join(', ')}` : '';
    lines.push(`  ${a.eligible ? 'ELIGIBLE    ' : 'NOT ELIGIBLE'}  ${a.id}${why}`);
  }
  lines.push('', 'Trace');
  res.trace.forEach((s, i) => lines.push(`  ${String(i + 1).padStart(2)}. ${s.rule} -> ${s.outcome}: ${s.detail}`));
  return lines.join('\n');
}
