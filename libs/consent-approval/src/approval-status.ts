import type { ConsentRequestEntity } from '@eea/consent';
import type { ConsentEntity } from '@eea/consent';
import type { ApprovalLinkEntity } from './approval-link.entity';

export type ApprovalStatus = 'pending' | 'approved' | 'denied' | 'revoked' | 'expired';

/** What one approval link stands for: its request, the consent that answered it, and the ticket asked about. */
export interface ApprovalContext {
  link: ApprovalLinkEntity;
  request: ConsentRequestEntity;
  consent: ConsentEntity | null;
  ticket: { externalId: string; organizationId: string; severity: number; problemRef: string | null } | null;
}

/**
 * The request's state as the customer sees it. It follows the request, not the link: a manager's grant
 * or another link's decision is the answer too, so every link of one request shows the same.
 */
export function approvalStatus(c: Pick<ApprovalContext, 'request' | 'consent'>, now: Date): ApprovalStatus {
  switch (c.request.status) {
    case 'pending':
      return c.request.expiresAt <= now ? 'expired' : 'pending';
    case 'denied':
      return 'denied';
    case 'expired':
      return 'expired';
    case 'granted':
      if (!c.consent) return 'approved';
      if (c.consent.revokedAt) return 'revoked';
      return c.consent.expiresAt <= now ? 'expired' : 'approved';
  }
}

/**
 * A link answers until its own expiry, and after an approval for as long as the consent lives (so that
 * the customer can revoke a consent that outlasts the link). Past that it is unknown: 404, like a token
 * that never existed, so that nobody can learn which tokens once were real.
 */
export function isLinkAlive(c: Pick<ApprovalContext, 'link' | 'consent'>, now: Date): boolean {
  if (now < c.link.expiresAt) return true;
  return c.consent !== null && c.consent.revokedAt === null && now < c.consent.expiresAt;
}
