export * from './access-log';
export * from './agent-work.module';
export * from './agent-work.service';
export * from './claim.service';
