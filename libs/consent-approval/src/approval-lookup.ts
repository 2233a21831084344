import { EntityManager } from 'typeorm';
import { ApiError } from '@eea/http';
import { TicketEntity } from '@eea/tickets';
import { ConsentRequestEntity } from '@eea/consent';
import { ConsentEntity } from '@eea/consent';
import { ApprovalLinkEntity } from './approval-link.entity';
import { ApprovalContext, isLinkAlive } from './approval-status';
import { approvalTokenHash, isApprovalTokenShaped } from './approval-token';

/** One answer for a malformed, unknown or expired token, so that none of them tells anything apart. */
export const unknownLink = () => ApiError.notFound('approval link');

/**
 * The live link a token stands for, with its request, consent and ticket; 404 otherwise. With `lock`,
 * the link and request rows are locked (in that order, everywhere) so that one decision wins.
 */
export async function findLiveApproval(m: EntityManager, token: string, now: Date, lock = false): Promise<ApprovalContext> {
  if (!isApprovalTokenShaped(token)) throw unknownLink();
  const locking = lock ? { lock: { mode: 'pessimistic_write' as const } } : {};
  const link = await m.findOne(ApprovalLinkEntity, { where: { tokenHash: approvalTokenHash(token) }, ...locking });
  if (!link) throw unknownLink();
  const request = await m.findOne(ConsentRequestEntity, { where: { id: link.consentRequestId }, ...locking });
  if (!request) throw unknownLink();
  const consent = request.consentId ? await m.findOne(ConsentEntity, { where: { id: request.consentId } }) : null;
  if (!isLinkAlive({ link, consent }, now)) throw unknownLink();
  const ticket = await m.findOne(TicketEntity, {
    where: { id: request.ticketId },
    select: { id: true, externalId: true, organizationId: true, severity: true, problemRef: true },
  });
  return { link, request, consent, ticket };
}
