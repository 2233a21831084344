import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgentDirectoryService } from './agent-directory.service';
import { AgentsService } from './agents.service';
import { AgentEntity } from './agent.entity';
import { OrganizationEntity } from './organization.entity';

@Module({
  imports: [TypeOrmModule.forFeature([AgentEntity, OrganizationEntity])],
  providers: [AgentsService, AgentDirectoryService],
  exports: [AgentsService, AgentDirectoryService],
})
export class AgentsModule {}
