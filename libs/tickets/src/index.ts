export * from './decision.entity';
export * from './ticket-access.entity';
export * from './ticket-view';
export * from './ticket.entity';
export * from './ticket-activity';
export * from './intake-flags';
export * from './transfer-log.service';
export * from './tickets.module';
