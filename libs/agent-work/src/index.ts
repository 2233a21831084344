export * from './access-log';
export * from './agent-work.module';
export * from './agent-work.service';
export * from './claim.service';
export * from './offline-take-back.service';
export * from './sev1-alarm.service';
