import type { ErrorDetail } from '@eea/http';
import type { CompiledPolicy } from '@eea/policy';

const DAY_MS = 86_400_000;

export interface GrantConsentInput {
  ticketId?: string;
  organizationId?: string;
  problemRef?: string;
  countries: string[];
  /** Who at the customer agreed: customer staff, so kept in the consents table and API only. */
  approvedBy: { name: string; role?: string };
  evidence: string;
  expiresAt?: string;
  consentRequestId?: string;
}

export type GrantScope = { ticketId: string } | { organizationId: string; problemRef: string };

export interface CheckedGrant {
  scope: GrantScope;
  countries: string[];
  expiresAt: Date;
}

/**
 * The policy's rules for a grant (SPEC 3.5), checked before anything is read or written: exactly one
 * scope, only unlockable countries, a time box inside (now, now + maxDurationDays]. Returns the
 * problems, one per bad field, or the normalised grant.
 */
export function checkGrant(
  policy: Pick<CompiledPolicy, 'isUnlockable' | 'consent'>,
  input: GrantConsentInput,
  now: Date,
): CheckedGrant | ErrorDetail[] {
  const details: ErrorDetail[] = [];
  const scope = scopeOf(input, details);
  const countries = [...new Set(input.countries)].sort();
  const refused = countries.filter((c) => !policy.isUnlockable(c));
  if (refused.length > 0) {
    details.push({
      field: 'countries',
      message: `not unlockable by consent under the policy: ${refused.join(', ')} (unlockable: ${policy.consent.unlockableCountries.join(', ')})`,
    });
  }
  const max = new Date(now.getTime() + policy.consent.maxDurationDays * DAY_MS);
  let expiresAt = new Date(now.getTime() + policy.consent.defaultDurationDays * DAY_MS);
  if (input.expiresAt !== undefined) {
    expiresAt = new Date(input.expiresAt);
    if (Number.isNaN(expiresAt.getTime())) details.push({ field: 'expiresAt', message: 'must be an ISO-8601 instant' });
    else if (expiresAt <= now) details.push({ field: 'expiresAt', message: 'must be in the future' });
    else if (expiresAt > max)
      details.push({
        field: 'expiresAt',
        message: `must be at most ${policy.consent.maxDurationDays} days ahead (${max.toISOString()})`,
      });
  }
  if (details.length > 0 || !scope) return details;
  return { scope, countries, expiresAt };
}

function scopeOf(input: GrantConsentInput, details: ErrorDetail[]): GrantScope | null {
  const hasTicket = input.ticketId !== undefined;
  const hasProblem = input.organizationId !== undefined || input.problemRef !== undefined;
  if (hasTicket && hasProblem) {
    details.push({ field: 'ticketId', message: 'give either ticketId or organizationId + problemRef, not both' });
    return null;
  }
  if (hasTicket) return { ticketId: input.ticketId! };
  if (!hasProblem) {
    details.push({ field: 'ticketId', message: 'required unless organizationId + problemRef are given' });
    return null;
  }
  if (input.organizationId === undefined) details.push({ field: 'organizationId', message: 'required with problemRef' });
  if (input.problemRef === undefined) details.push({ field: 'problemRef', message: 'required with organizationId' });
  return input.organizationId !== undefined && input.problemRef !== undefined
    ? { organizationId: input.organizationId, problemRef: input.problemRef }
    : null;
}
