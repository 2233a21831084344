export * from './intake-command';
export * from './intake.module';
export * from './intake.service';
export * from './webhook-delivery.entity';
export * from './webhook-intake.service';
export * from './webhook-signatures';
export { adaptGeneric } from './adapters/generic.adapter';
export { adaptJira } from './adapters/jira.adapter';
export { adaptZendesk } from './adapters/zendesk.adapter';
