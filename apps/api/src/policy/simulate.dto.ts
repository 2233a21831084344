import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ID_MESSAGE, ID_PATTERN, IsInstant, IsOmittable } from '@eea/http';

const COUNTRY = /^[A-Z]{2}$/;

export class SimulatedTicketDto {
  @ApiPropertyOptional({ example: 'eu-west-1' }) @IsOptional() @IsString() @MaxLength(64) region?: string | null;
  @ApiProperty({ minimum: 1, maximum: 4 }) @IsInt() @Min(1) @Max(4) severity: 1 | 2 | 3 | 4;
  @ApiPropertyOptional({ enum: ['standard', 'eea_only'] }) @IsOmittable() @IsIn(['standard', 'eea_only']) tier?:
    'standard' | 'eea_only';
  @ApiPropertyOptional() @IsOmittable() @IsString() @Matches(ID_PATTERN, { message: ID_MESSAGE }) organizationId?: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(100) category?: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  skills?: string[];
}

export class SimulatedAgentDto {
  @ApiProperty() @IsString() @MaxLength(128) id: string;
  @ApiProperty({ nullable: true, example: 'DE' })
  @IsOptional()
  @Matches(COUNTRY, { message: 'must be an ISO 3166-1 alpha-2 code in capitals' })
  country: string | null;
  @ApiPropertyOptional({ type: [String] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  skills?: string[];
}

export class SimulatedConsentDto {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(10)
  @Matches(COUNTRY, { each: true, message: 'each must be an ISO 3166-1 alpha-2 code in capitals' })
  countries: string[];
  @ApiProperty() @IsInstant() expiresAt: string;
  @ApiPropertyOptional() @IsOmittable() @IsInstant() grantedAt?: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsInstant() revokedAt?: string | null;
}

export class SimulateDto {
  @ApiProperty({ example: '2026-11-23T10:00:00Z' }) @IsInstant() at: string;
  @ApiProperty({ type: SimulatedTicketDto })
  @IsObject()
  @ValidateNested()
  @Type(() => SimulatedTicketDto)
  ticket: SimulatedTicketDto;
  @ApiProperty({ type: [SimulatedAgentDto] })
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => SimulatedAgentDto)
  agents: SimulatedAgentDto[];
  @ApiPropertyOptional({ type: [SimulatedConsentDto] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => SimulatedConsentDto)
  consents?: SimulatedConsentDto[];
}
