import { Module } from '@nestjs/common';
import { AgentWorkModule } from '@eea/agent-work';
import { AgentsModule } from '@eea/agents';
import { ConsentGateModule } from '@eea/consent-gate';
import { PrivacyModule } from '@eea/privacy';
import { RoutingModule } from '@eea/routing';
import { WorkerHostModule } from '@eea/queue';
import { JobsProcessor } from './jobs.processor';
import { Schedules } from './schedules';

/** The queue-consuming shell: one processor binding each job to its domain service. */
@Module({
  imports: [WorkerHostModule, AgentWorkModule, AgentsModule, ConsentGateModule, PrivacyModule, RoutingModule],
  providers: [JobsProcessor, Schedules],
})
export class WorkerModule {}
