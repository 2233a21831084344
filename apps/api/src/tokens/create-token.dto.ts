import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { ROLES, Role } from '@eea/auth';
import { ID_MESSAGE, ID_PATTERN } from '@eea/http';

export class CreateTokenDto {
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role: Role;

  @ApiPropertyOptional({ description: 'Required for role "agent": the agent this token acts as' })
  @ValidateIf((o: CreateTokenDto) => o.role === 'agent' || o.agentId !== undefined)
  @IsString()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  agentId?: string;

  @ApiProperty({ description: 'What the token is for, e.g. "zendesk-eu floor lead"' })
  @IsString()
  @Length(1, 200)
  name: string;
}
