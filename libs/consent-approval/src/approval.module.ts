import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConsentGateModule } from '@eea/consent-gate';
import { ApprovalLinkEntity } from './approval-link.entity';
import { ApprovalRateLimiter } from './approval-rate-limiter';
import { CreateApprovalLinkService } from './create-approval-link.service';
import { DecideApprovalService } from './decide-approval.service';
import { ReadApprovalService } from './read-approval.service';
import { ReadConsentRequestService } from './read-consent-request.service';
import { RevokeApprovalService } from './revoke-approval.service';

const SERVICES = [
  ApprovalRateLimiter,
  CreateApprovalLinkService,
  DecideApprovalService,
  ReadApprovalService,
  ReadConsentRequestService,
  RevokeApprovalService,
];

/** Customer approval through a link (SPEC 9): one use case per service, on top of the consent gate. */
@Module({ imports: [ConsentGateModule, TypeOrmModule.forFeature([ApprovalLinkEntity])], providers: SERVICES, exports: SERVICES })
export class ApprovalModule {}
