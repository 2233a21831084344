export * from './audit-chain';
export * from './audit-entry.entity';
export * from './audit-verify';
export * from './audit.module';
export * from './audit.service';
export * from './csv';
export * from './time-range';
export * from './transfer-log.service';
