import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DecisionEntity } from './decision.entity';
import { TicketAccessEntity } from './ticket-access.entity';
import { TicketActivityService } from './ticket-activity.service';
import { TicketEntity } from './ticket.entity';
import { TicketQueryService } from './ticket-query.service';
import { TransferLogService } from './transfer-log.service';

const SERVICES = [TicketActivityService, TicketQueryService, TransferLogService];

/**
 * Reads over the ticket tables that are not tied to one workflow: the manager's lists, tickets,
 * decisions and activity, and the transfer log over ticket_access.
 */
@Module({
  imports: [TypeOrmModule.forFeature([TicketEntity, DecisionEntity, TicketAccessEntity])],
  providers: SERVICES,
  exports: SERVICES,
})
export class TicketsModule {}
