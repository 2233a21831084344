import { Module } from '@nestjs/common';
import { AgentsModule } from '@eea/agents';
import { ConsentModule } from '@eea/consent';
import { PrivacyModule } from '@eea/privacy';
import { RoutingModule } from '@eea/routing';
import { AgentsController } from './agents/agents.controller';
import { MeController } from './me/me.controller';
import { PolicyController } from './policy/policy.controller';
import { TicketsController } from './tickets/tickets.controller';
import { TokensController } from './tokens/tokens.controller';

/** The HTTP shell: controllers only, each binding a route to one domain service call. */
@Module({
  imports: [AgentsModule, ConsentModule, PrivacyModule, RoutingModule],
  controllers: [AgentsController, MeController, PolicyController, TicketsController, TokensController],
})
export class ApiModule {}
