import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { AGENT_STATUSES, AgentStatus } from '@eea/agents';
import { IsOmittable } from '@eea/http';

const WEBHOOK_SOURCES = ['generic', 'zendesk', 'jira'];

const COUNTRY_MESSAGE = 'must be an ISO 3166-1 alpha-2 code in capitals, or null';
const TAG = /^[a-z0-9][a-z0-9_.:-]{0,63}$/;
const TAG_MESSAGE = 'each must be a lowercase tag of 1-64 letters, digits, dot, dash, colon or underscore';

export class PutAgentDto {
  @ApiProperty() @IsString() @Length(1, 200) name: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'DE',
    description: 'Where the agent works from (ISO 3166-1 alpha-2): the hard filter of routing',
  })
  @ValidateIf((o: PutAgentDto) => o.country !== null)
  @Matches(/^[A-Z]{2}$/, { message: COUNTRY_MESSAGE })
  country: string | null;
  @ApiPropertyOptional({ type: [String] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(TAG, { each: true, message: TAG_MESSAGE })
  skills?: string[];
  @ApiPropertyOptional({ type: [String] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { each: true, message: 'each must be a BCP 47 language tag' })
  languages?: string[];
  @ApiPropertyOptional({ default: 5 }) @IsOmittable() @IsInt() @Min(0) @Max(1000) capacity?: number;
}

export class AgentStatusDto {
  @ApiProperty({ enum: AGENT_STATUSES }) @IsIn(AGENT_STATUSES) status: AgentStatus;
}

export class PutOrganizationDto {
  @ApiProperty() @IsString() @Length(1, 200) name: string;
  @ApiProperty({ enum: ['standard', 'eea_only'] }) @IsIn(['standard', 'eea_only']) supportTier: 'standard' | 'eea_only';
  @ApiPropertyOptional({
    type: [String],
    enum: WEBHOOK_SOURCES,
    example: ['zendesk'],
    description:
      'Webhook sources that speak for this organisation; a delivery from another source naming it is routed fail closed (flag unverified_source). Empty: any source. Absent: unchanged.',
  })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(WEBHOOK_SOURCES.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_SOURCES, { each: true })
  sources?: string[];
}
