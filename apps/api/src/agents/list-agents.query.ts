import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { AGENT_STATUSES, AgentStatus } from '@eea/agents';

export class ListAgentsQuery {
  @ApiPropertyOptional({ enum: AGENT_STATUSES }) @IsOptional() @IsIn(AGENT_STATUSES) status?: AgentStatus;
  @ApiPropertyOptional({ example: 'DE', description: 'ISO 3166-1 alpha-2 country the agent works from' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 code in capitals' })
  country?: string;
}
