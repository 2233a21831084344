import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@eea/config';
import { ApiError } from '@eea/http';
import { ConsentRevocationService } from '@eea/consent-gate';
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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly revocations: ConsentRevocationService,
    private readonly clock: Clock,
  ) {}

  async execute(token: string): Promise<PublicConsentView> {
    const c = await findLiveApproval(this.dataSource.manager, token, this.clock.now());
    if (!c.consent) throw ApiError.conflict('Nothing to revoke: this request has not been approved.');
    const revoked = await this.revocations.revokeEntity(c.consent.id, null, linkActor(c.link.id));
    return toPublicConsentView(revoked, this.clock.now());
  }
}
