export * from './event-delivery.service';
export * from './event.service';
export * from './outbound.module';
export * from './signature';
