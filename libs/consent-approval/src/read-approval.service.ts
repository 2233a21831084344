import { Injectable } from '@nestjs/common';
import { Clock, PolicyStore } from '@eea/config';
import { OutboxService } from '@eea/queue';
import { findLiveApproval } from './approval-lookup';
import { toApprovalView } from './approval-view';

/** What the approval page shows: the request, its state, and the consent once there is one. */
@Injectable()
export class ReadApprovalService {
  constructor(
    private readonly outbox: OutboxService,
    private readonly policy: PolicyStore,
    private readonly clock: Clock,
  ) {}

  async execute(token: string) {
    const now = this.clock.now();
    return toApprovalView(await findLiveApproval(this.outbox.db, token, now), now, this.policy.current());
  }
}
