import { Global, Module } from '@nestjs/common';
import { OutboxRelay } from './outbox-relay';
import { OutboxService } from './outbox.service';
import { QueueService } from './queue.service';

@Global()
@Module({ providers: [QueueService, OutboxRelay, OutboxService], exports: [QueueService, OutboxRelay, OutboxService] })
export class QueueModule {}
