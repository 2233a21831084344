import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AgentWorkModule } from '@eea/agent-work';
import { AgentsModule } from '@eea/agents';
import { ConsentModule } from '@eea/consent';
import { IntakeModule } from '@eea/intake';
import { PrivacyModule } from '@eea/privacy';
import { RoutingModule } from '@eea/routing';
import { ConsentGateModule } from '@eea/consent-gate';
import { ApprovalModule } from '@eea/consent-approval';
import { TicketsModule } from '@eea/tickets';
import { OPENAPI_TRANSFORM } from '@eea/http';
import { AccessRulesCheck } from './access-rules.check';
import { ApprovalLinksController } from './approvals/approval-links.controller';
import { ApprovalsController } from './approvals/approvals.controller';
import { enrichDocument } from './openapi/openapi-enricher';
import { AgentsController } from './agents/agents.controller';
import { DirectoryController } from './agents/directory.controller';
import { AuditController } from './audit/audit.controller';
import { TransfersController } from './audit/transfers.controller';
import { ConsentReceiptsController } from './consents/consent-receipts.controller';
import { ConsentRequestsController } from './consents/consent-requests.controller';
import { ConsentsController } from './consents/consents.controller';
import { EscalationsController } from './escalations/escalations.controller';
import { ConsoleStatic } from './console/console-static';
import { QueueDashboard } from './dashboard/queue-dashboard';
import { MeController } from './me/me.controller';
import { PolicyController } from './policy/policy.controller';
import { PrivacyController } from './privacy/privacy.controller';
import { SessionsController } from './sessions/sessions.controller';
import { TicketsController } from './tickets/tickets.controller';
import { TokensController } from './tokens/tokens.controller';
import { WebhooksController } from './webhooks/webhooks.controller';
import { JwksController } from './well-known/jwks.controller';

/** The HTTP shell: controllers only, each binding a route to one domain service call. */
@Module({
  imports: [
    DiscoveryModule,
    AgentWorkModule,
    AgentsModule,
    ConsentModule,
    ConsentGateModule,
    IntakeModule,
    PrivacyModule,
    RoutingModule,
    ApprovalModule,
    TicketsModule,
  ],
  controllers: [
    AuditController,
    ConsentRequestsController,
    ConsentsController,
    EscalationsController,
    TransfersController,
    AgentsController,
    MeController,
    PolicyController,
    PrivacyController,
    TicketsController,
    TokensController,
    WebhooksController,
    JwksController,
    ApprovalLinksController,
    ApprovalsController,
    ConsentReceiptsController,
    DirectoryController,
    SessionsController,
  ],
  providers: [AccessRulesCheck, QueueDashboard, ConsoleStatic, { provide: OPENAPI_TRANSFORM, useValue: enrichDocument }],
})
export class ApiModule {}
