import { Module } from '@nestjs/common';
import { RoutingModule } from '@eea/routing';
import { AccessLog } from './access-log';
import { AgentWorkService } from './agent-work.service';
import { ClaimService } from './claim.service';

const SERVICES = [AccessLog, AgentWorkService, ClaimService];

/** What agents do with tickets: claims, their queue, reads, releases and resolutions, each re-checked live. */
@Module({ imports: [RoutingModule], providers: SERVICES, exports: [...SERVICES, RoutingModule] })
export class AgentWorkModule {}
