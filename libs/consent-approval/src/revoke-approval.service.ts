import { Injectable } from '@nestjs/common';
import { Clock } from '@eea/config';
import { ConsentRevocationService } from '@eea/consent-gate';
import { ApiError } from '@eea/http';
import { OutboxService } from '@eea/queue';
import { findLiveApproval } from './approval-lookup';
import { PublicConsentView, toPublicConsentView } from './approval-view';
import { linkActor } from './decide-approval.service';

/**
 * The customer withdraws their consent through the same link, for as long as the consent lives. It is
 * the manager's revocation (same transaction, same immediate take-back), only the actor differs.
 */
@Injectable()
export class RevokeApprovalService {
  constructor(
    private readonly outbox: OutboxService,
    private readonly revocations: ConsentRevocationService,
    private readonly clock: Clock,
  ) {}

  async execute(token: string): Promise<PublicConsentView> {
    const c = await findLiveApproval(this.outbox.db, token, this.clock.now());
    if (!c.consent) throw ApiError.conflict('Nothing to revoke: this request has not been approved.');
    const revoked = await this.revocations.revokeEntity(c.consent.id, null, linkActor(c.link.id));
    return toPublicConsentView(revoked, this.clock.now());
  }
}
