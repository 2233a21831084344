import { Module } from '@nestjs/common';
import { RoutingModule } from '@eea/routing';
import { AccessLog } from './access-log';
import { AgentWorkService } from './agent-work.service';
import { ClaimService } from './claim.service';
import { OfflineTakeBack } from './offline-take-back.service';
import { Sev1Alarms } from './sev1-alarm.service';

const SERVICES = [AccessLog, AgentWorkService, ClaimService, OfflineTakeBack, Sev1Alarms];

/**
 * What agents do with tickets: claims, their queue, reads, releases and resolutions, each re-checked live;
 * and what happens to tickets agents leave: offline take-back, severity 1 alarms.
 */
@Module({ imports: [RoutingModule], providers: SERVICES, exports: [...SERVICES, RoutingModule] })
export class AgentWorkModule {}
