import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsObject,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { ID_MESSAGE, ID_PATTERN, IsInstant, IsOmittable } from '@eea/http';

export class ApprovedByDto {
  @ApiProperty({ description: 'Who at the customer agreed' }) @IsString() @Length(1, 200) name: string;
  @ApiPropertyOptional({ example: 'CISO' }) @IsOmittable() @IsString() @Length(1, 200) role?: string;
}

/** Scope is `ticketId`, or `organizationId` + `problemRef` (every ticket of that organisation with that problem). */
export class GrantConsentDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOmittable() @IsUUID() ticketId?: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @Matches(ID_PATTERN, { message: ID_MESSAGE }) organizationId?: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @Length(1, 200) problemRef?: string;

  @ApiProperty({ type: [String], example: ['US'], description: 'Countries to unlock; the policy lists which may be' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @Matches(/^[A-Z]{2}$/, { each: true, message: 'each must be an ISO 3166-1 alpha-2 code in capitals' })
  countries: string[];

  @ApiProperty({ type: ApprovedByDto }) @IsObject() @ValidateNested() @Type(() => ApprovedByDto) approvedBy: ApprovedByDto;

  @ApiProperty({ description: 'Where the agreement is recorded, e.g. an email or call reference' })
  @IsString()
  @Length(1, 2000)
  evidence: string;

  @ApiPropertyOptional({ description: 'Default now + policy defaultDurationDays; at most maxDurationDays ahead' })
  @IsOmittable()
  @IsInstant()
  expiresAt?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The escalation request this consent answers' })
  @IsOmittable()
  @IsUUID()
  consentRequestId?: string;
}
