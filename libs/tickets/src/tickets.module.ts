import { Module } from '@nestjs/common';
import { TransferLogService } from './transfer-log.service';

/** Reads over the ticket tables that are not tied to one workflow (the transfer log over ticket_access). */
@Module({ providers: [TransferLogService], exports: [TransferLogService] })
export class TicketsModule {}
