import { Module } from '@nestjs/common';
import { FirstRoutingBatch } from './first-routing-batch.service';
import { PolicySimulationService } from './policy-simulation.service';
import { RouterService } from './router.service';
import { RoutingRequestsDue } from './routing-requests-due.service';
import { TicketEvaluator } from './ticket-evaluator';

const SERVICES = [FirstRoutingBatch, PolicySimulationService, RouterService, RoutingRequestsDue, TicketEvaluator];

/** Routing: the live evaluation of a ticket, the router that stores it, the requests due, and policy simulation. */
@Module({ providers: SERVICES, exports: SERVICES })
export class RoutingModule {}
