export * from './agent.entity';
export * from './organization.entity';
export * from './agents.module';
export * from './agents.service';
