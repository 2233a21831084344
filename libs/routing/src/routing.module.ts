import { Module } from '@nestjs/common';
import { AccessLog } from './access-log';
import { AgentWorkService } from './agent-work.service';
import { ClaimService } from './claim.service';
import { PolicySimulationService } from './policy-simulation.service';
import { RouterService } from './router.service';
import { SweepService } from './sweep.service';
import { TicketEvaluator } from './ticket-context';
import { TicketActivityService } from './ticket-activity.service';
import { TicketQueryService } from './ticket-query.service';

const SERVICES = [
  AccessLog,
  AgentWorkService,
  ClaimService,
  PolicySimulationService,
  RouterService,
  SweepService,
  TicketEvaluator,
  TicketQueryService,
  TicketActivityService,
];

@Module({ providers: SERVICES, exports: SERVICES })
export class RoutingModule {}
