export * from './agent.entity';
export * from './organization.entity';
export * from './agents.module';
export * from './agents.service';
export * from './agent-view';
export * from './agent-directory.service';
export * from './agent-read.repository';
