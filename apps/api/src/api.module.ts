import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AgentsModule } from '@eea/agents';
import { ConsentModule } from '@eea/consent';
import { IntakeModule } from '@eea/intake';
import { PrivacyModule } from '@eea/privacy';
import { RoutingModule } from '@eea/routing';
import { ConsentGateModule } from '@eea/consent-gate';
import { AccessRulesCheck } from './access-rules.check';
import { AgentsController } from './agents/agents.controller';
import { AuditController } from './audit/audit.controller';
import { TransfersController } from './audit/transfers.controller';
import { ConsentRequestsController } from './consents/consent-requests.controller';
import { ConsentsController } from './consents/consents.controller';
import { EscalationsController } from './consents/escalations.controller';
import { QueueDashboard } from './dashboard/queue-dashboard';
import { MeController } from './me/me.controller';
import { PolicyController } from './policy/policy.controller';
import { PrivacyController } from './privacy/privacy.controller';
import { TicketsController } from './tickets/tickets.controller';
import { TokensController } from './tokens/tokens.controller';
import { WebhooksController } from './webhooks/webhooks.controller';
import { JwksController } from './well-known/jwks.controller';

/** The HTTP shell: controllers only, each binding a route to one domain service call. */
@Module({
  imports: [DiscoveryModule, AgentsModule, ConsentModule, ConsentGateModule, IntakeModule, PrivacyModule, RoutingModule],
  controllers: [
    AuditController, ConsentRequestsController, ConsentsController, EscalationsController, TransfersController,
    AgentsController, MeController, PolicyController, PrivacyController, TicketsController, TokensController, WebhooksController, JwksController],
  providers: [AccessRulesCheck, QueueDashboard],
})
export class ApiModule {}
