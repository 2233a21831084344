import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { IsOmittable } from '@eea/http';

/** At least one identifier (checked by the service, which answers 400 naming `email`). */
export class PrivacyRequestDto {
  @ApiPropertyOptional({ example: 'jane@example.com' }) @IsOmittable() @IsString() @Length(1, 320) email?: string;
  @ApiPropertyOptional({ example: '+49 30 1234567' }) @IsOmittable() @IsString() @Length(1, 64) phone?: string;
  /** With externalUserId: the ticketing system that knows the requester by that id. */
  @ApiPropertyOptional({ enum: ['generic', 'zendesk', 'jira'] })
  @IsOmittable()
  @IsIn(['generic', 'zendesk', 'jira'])
  source?: string;
  @ApiPropertyOptional({
    example: '557058:00000000-0000-0000-0000-000000000001',
    description: 'Jira accountId or Zendesk requester id',
  })
  @IsOmittable()
  @IsString()
  @Length(1, 128)
  externalUserId?: string;
}
