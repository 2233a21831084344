import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, PolicyStore } from '@eea/config';
import { findLiveApproval } from './approval-lookup';
import { toApprovalView } from './approval-view';

/** What the approval page shows: the request, its state, and the consent once there is one. */
@Injectable()
export class ReadApprovalService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policy: PolicyStore,
    private readonly clock: Clock,
  ) {}

  async execute(token: string) {
    const now = this.clock.now();
    return toApprovalView(await findLiveApproval(this.dataSource.manager, token, now), now, this.policy.current());
  }
}
