import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxRelay } from './outbox-relay';
import { OutboxEntity } from './outbox.entity';
import { OutboxService } from './outbox.service';
import { QueueService } from './queue.service';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([OutboxEntity])],
  providers: [QueueService, OutboxRelay, OutboxService],
  exports: [QueueService, OutboxRelay, OutboxService],
})
export class QueueModule {}
