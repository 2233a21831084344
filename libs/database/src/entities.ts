// Listed explicitly (TypeORM 1.x loads no globs). Each entity lives with its domain.
import { AgentEntity } from '../../agents/src/agent.entity';
import { OrganizationEntity } from '../../agents/src/organization.entity';
import { AuditEntryEntity } from '../../audit/src/audit-entry.entity';
import { AuditCheckpointEntity } from '../../audit/src/audit-checkpoint.entity';
import { ApiTokenEntity } from '../../auth/src/api-token.entity';
import { ApprovalLinkEntity } from '../../consent/src/approval/approval-link.entity';
import { ConsentRequestEntity } from '../../consent/src/consent-request.entity';
import { ConsentEntity } from '../../consent/src/consent.entity';
import { WebhookDeliveryEntity } from '../../intake/src/webhook-delivery.entity';
import { OutboxEntity } from '../../queue/src/outbox.entity';
import { DecisionEntity } from '../../tickets/src/decision.entity';
import { TicketAccessEntity } from '../../tickets/src/ticket-access.entity';
import { TicketEntity } from '../../tickets/src/ticket.entity';

export const ENTITIES = [
  AgentEntity, OrganizationEntity, AuditEntryEntity, ApiTokenEntity, ConsentRequestEntity, ConsentEntity,
  WebhookDeliveryEntity, OutboxEntity, DecisionEntity, TicketAccessEntity, TicketEntity,
  ApprovalLinkEntity,
  AuditCheckpointEntity,
];
