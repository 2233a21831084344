import { Module } from '@nestjs/common';
import { PolicySimulationService } from './policy-simulation.service';
import { RouterService } from './router.service';
import { SweepService } from './sweep.service';
import { TicketEvaluator } from './ticket-evaluator';

const SERVICES = [PolicySimulationService, RouterService, SweepService, TicketEvaluator];

/** Routing: the live evaluation of a ticket, the router that stores it, and policy simulation. */
@Module({ providers: SERVICES, exports: SERVICES })
export class RoutingModule {}
