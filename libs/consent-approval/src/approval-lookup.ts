import { findConsent, findConsentRequest, lockConsentRequest } from '@eea/consent';
import { Db } from '@eea/database';
import { ApiError } from '@eea/http';
import { consentTicketSummary } from '@eea/tickets';
import { findApprovalLink } from './approval-link.repository';
import { ApprovalContext, isLinkAlive } from './approval-status';
import { approvalTokenHash, isApprovalTokenShaped } from './approval-token';

/** One answer for a malformed, unknown or expired token, so that none of them tells anything apart. */
export const unknownLink = () => ApiError.notFound('approval link');

/**
 * The live link a token stands for, with its request, consent and ticket; 404 otherwise. With `lock`,
 * the link and request rows are locked (in that order, everywhere) so that one decision wins.
 */
export async function findLiveApproval(db: Db, token: string, now: Date, lock = false): Promise<ApprovalContext> {
  if (!isApprovalTokenShaped(token)) throw unknownLink();
  const link = await findApprovalLink(db, approvalTokenHash(token), lock);
  if (!link) throw unknownLink();
  const request = lock
    ? await lockConsentRequest(db, link.consentRequestId)
    : await findConsentRequest(db, link.consentRequestId);
  if (!request) throw unknownLink();
  const consent = request.consentId ? ((await findConsent(db, request.consentId)) ?? null) : null;
  if (!isLinkAlive({ link, consent }, now)) throw unknownLink();
  const ticket = (await consentTicketSummary(db, request.ticketId)) ?? null;
  return { link, request, consent, ticket };
}
