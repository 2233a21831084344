import { Global, Module } from '@nestjs/common';
import { EventDeliveryService } from './event-delivery.service';
import { EventService } from './event.service';

@Global()
@Module({ providers: [EventService, EventDeliveryService], exports: [EventService, EventDeliveryService] })
export class OutboundModule {}
