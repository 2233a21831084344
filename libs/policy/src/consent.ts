import type { ConsentFacts } from './policy.types';

/**
 * Active iff grantedAt <= now < expiresAt and not revoked at or before now. Invalid dates make a
 * consent inactive (an unreadable revocation counts as revoked): fail closed.
 */
export function isConsentActive(c: ConsentFacts, now: Date): boolean {
  const t = now.getTime();
  if (c.grantedAt != null && !(c.grantedAt.getTime() <= t)) return false;
  if (!(t < c.expiresAt.getTime())) return false;
  if (c.revokedAt != null && !(c.revokedAt.getTime() > t)) return false;
  return true;
}

export function consentState(c: ConsentFacts, now: Date): 'active' | 'not_yet_granted' | 'expired' | 'revoked' {
  const t = now.getTime();
  if (c.revokedAt != null && !(c.revokedAt.getTime() > t)) return 'revoked';
  if (c.grantedAt != null && !(c.grantedAt.getTime() <= t)) return 'not_yet_granted';
  if (!(t < c.expiresAt.getTime())) return 'expired';
  return 'active';
}
