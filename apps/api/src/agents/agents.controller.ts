import { Body, Controller, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AgentsService, toAgentView } from '@eea/agents';
import { CurrentPrincipal, Principal, Roles } from '@eea/auth';
import { SlugParam } from '@eea/http';
import { OrganizationIdParam } from './organization-id.param';
import { isIsoCountryCode } from '@eea/policy';
import { ApiError } from '@eea/http';
import { AgentStatusDto, PutAgentDto, PutOrganizationDto } from './put-agent.dto';

@ApiTags('administration')
@ApiBearerAuth()
@Controller('v1')
export class AgentsController {
  constructor(private readonly agents: AgentsService) {}

  @Put('organizations/:id')
  @Roles('admin')
  putOrganization(
    @Param('id', new OrganizationIdParam()) id: string,
    @Body() body: PutOrganizationDto,
    @CurrentPrincipal() by: Principal,
  ) {
    return this.agents.putOrganization(id, body, by);
  }

  @Put('agents/:id')
  @Roles('admin')
  async putAgent(@Param('id', new SlugParam()) id: string, @Body() body: PutAgentDto, @CurrentPrincipal() by: Principal) {
    if (body.country !== null && !isIsoCountryCode(body.country))
      throw ApiError.badRequest('country', 'is not an ISO 3166-1 alpha-2 country');
    return toAgentView(await this.agents.putAgent(id, body, by));
  }

  @Post('agents/:id/status')
  @Roles('admin', 'agent')
  @HttpCode(200)
  async setStatus(@Param('id', new SlugParam()) id: string, @Body() body: AgentStatusDto, @CurrentPrincipal() by: Principal) {
    return toAgentView(await this.agents.setStatus(id, body.status, by));
  }
}
