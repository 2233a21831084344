import { Module } from '@nestjs/common';
import { AgentDirectoryService } from './agent-directory.service';
import { AgentsService } from './agents.service';

@Module({ providers: [AgentsService, AgentDirectoryService], exports: [AgentsService, AgentDirectoryService] })
export class AgentsModule {}
