import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AgentDirectoryService } from '@eea/agents';
import { Roles } from '@eea/auth';
import { SlugParam } from '@eea/http';
import { ListAgentsQuery } from './list-agents.query';

/** What administrators configured, read back by admins and managers. */
@ApiTags('administration')
@ApiBearerAuth()
@Controller('v1')
@Roles('admin', 'manager')
export class DirectoryController {
  constructor(private readonly directory: AgentDirectoryService) {}

  @Get('organizations')
  organizations() {
    return this.directory.organizations();
  }

  @Get('organizations/:id')
  organization(@Param('id', new SlugParam()) id: string) {
    return this.directory.organization(id);
  }

  @Get('agents')
  agents(@Query() query: ListAgentsQuery) {
    return this.directory.agents(query);
  }

  @Get('agents/:id')
  agent(@Param('id', new SlugParam()) id: string) {
    return this.directory.agent(id);
  }
}
