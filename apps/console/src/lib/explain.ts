import type { Ticket, TraceStep } from './api-types';

const TIERS: Record<string, string> = { standard: 'standard support', eea_only: 'EEA-only support' };

const FLAGS: Record<string, string> = {
  unknown_region: 'the AWS region is unknown, so only EEA agents may work it (fail closed)',
  unknown_organization: 'the organisation is unknown, so EEA-only rules apply (fail closed)',
  no_eligible_agent: 'no agent in an allowed country has the skills it needs',
  unmapped_priority: 'its priority could not be read; a default severity was used',
  invalid_timestamp: 'its timestamp could not be read',
  multiple_organizations: 'it carries several organisations; the strictest tier applies',
  truncated: 'some of its values were too long and were cut',
  policy_error: 'the policy could not be evaluated, so nobody may work it until a manager looks',
  sev1_unclaimed: 'a severity 1 ticket has not been claimed in time',
  excluded_category: 'its category is outside the EEA-only offer, so standard support rules apply',
  consent_active: 'a customer consent lets additional countries in',
  outside_support_hours: 'it arrived outside its support hours',
  escalation_not_allowed: 'it was escalated to a country no eligible agent is in',
};

const RULES: Record<string, string> = {
  region: 'Where the data is',
  organization: 'Who the customer is',
  exclusion: 'Category',
  unknown_region: 'Unknown region',
  location: 'Who may work it',
  consent: 'Consent',
  skills: 'Skills',
  support_hours: 'Support hours',
  escalation: 'Escalation',
};

export function describeFlag(flag: string): string {
  return FLAGS[flag] ?? flag.replace(/_/g, ' ');
}

export function describeCountries(allowed: string[] | '*'): string {
  if (allowed === '*') return 'any country';
  if (allowed.length === 0) return 'no country';
  return allowed.length > 12 ? `${allowed.length} countries (${allowed.slice(0, 10).join(', ')}, …)` : allowed.join(', ');
}

/** One trace step as a sentence: the rule in plain words, then what it found. */
export function describeStep(step: TraceStep): { title: string; text: string } {
  const title = RULES[step.rule] ?? step.rule.replace(/_/g, ' ');
  const text = step.detail
    .replace(/\beea_only\b/g, TIERS.eea_only)
    .replace(/\bstandard\b/g, TIERS.standard)
    .replace(/\bEEA\b(?! support)/g, 'EEA')
    .replace(/\b24x7\b/g, 'around the clock');
  return { title, text };
}

/** The ticket-level sentences above the trace: where the data is, which tier, who may work it. */
export function summariseTicket(t: Ticket): string[] {
  const lines: string[] = [];
  if (t.jurisdiction === 'NON_EEA')
    lines.push(`The customer's data is outside the EEA (${t.region ?? 'region unknown'}), so any country may work it.`);
  else if (t.jurisdiction === 'UNKNOWN')
    lines.push('The AWS region is unknown, so the ticket is treated as EEA data and only EEA agents may work it.');
  else
    lines.push(
      `The customer's data is in the EEA (${t.region}, ${t.regionCountry ?? '?'}). The organisation has ${TIERS[t.tier] ?? t.tier}.`,
    );
  lines.push(`Agents in ${describeCountries(t.allowedCountries)} may work it.`);
  if (t.skills.length) lines.push(`It needs the skills ${t.skills.join(', ')}.`);
  for (const flag of t.flags) lines.push(`Note: ${describeFlag(flag)}.`);
  return lines;
}

/** Why a ticket is stranded, from its flags (the decision trace has the details). */
export function strandedReason(t: Ticket): string {
  const reasons = t.flags.map(describeFlag);
  if (t.allowedCountries !== '*' && t.allowedCountries.length === 0) reasons.push('no country is allowed to work it');
  return reasons.length ? capitalise(reasons.join('; ')) : 'No eligible agent can work it under its policy.';
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const AGENT_REASONS: Record<string, string> = {
  country_not_allowed: 'its country is not allowed for this ticket',
  no_country: 'it has no country, so it may not work restricted tickets',
  escalated_to_other_country: 'the ticket was escalated to another country',
  escalation_not_allowed: 'the ticket was escalated to a country its policy does not allow',
  agent_missing: 'no such agent',
};

/** An agent eligibility reason code ("missing_skill:voice", "consent_unlocked:US") in words. */
export function describeAgentReason(reason: string): string {
  const [code, arg] = reason.split(':');
  if (code === 'missing_skill') return `it lacks the skill ${arg}`;
  if (code === 'consent_unlocked') return `a customer consent lets ${arg} in`;
  return AGENT_REASONS[code] ?? reason.replace(/_/g, ' ');
}
