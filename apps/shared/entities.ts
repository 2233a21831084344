// Listed explicitly (TypeORM 1.x loads no globs). Each entity lives with its domain; the app that composes
// the domains hands the list to DatabaseModule.forRoot, so libs/database never reaches into a domain.
import { AgentEntity, OrganizationEntity } from '@eea/agents';
import { AuditCheckpointEntity, AuditEntryEntity } from '@eea/audit';
import { ApiTokenEntity } from '@eea/auth';
import { ConsentEntity, ConsentRequestEntity } from '@eea/consent';
import { ApprovalLinkEntity } from '@eea/consent-approval';
import { WebhookDeliveryEntity } from '@eea/intake';
import { OutboxEntity } from '@eea/queue';
import { DecisionEntity, TicketAccessEntity, TicketEntity } from '@eea/tickets';

export const ENTITIES = [
  AgentEntity,
  OrganizationEntity,
  AuditEntryEntity,
  ApiTokenEntity,
  ConsentRequestEntity,
  ConsentEntity,
  WebhookDeliveryEntity,
  OutboxEntity,
  DecisionEntity,
  TicketAccessEntity,
  TicketEntity,
  ApprovalLinkEntity,
  AuditCheckpointEntity,
];
