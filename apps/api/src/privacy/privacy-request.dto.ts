import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { IsOmittable } from '@eea/http';

/** At least one identifier (checked by the service, which answers 400 naming `email`). */
export class PrivacyRequestDto {
  @ApiPropertyOptional({ example: 'jane@example.com' }) @IsOmittable() @IsString() @Length(1, 320) email?: string;
  @ApiPropertyOptional({ example: '+49 30 1234567' }) @IsOmittable() @IsString() @Length(1, 64) phone?: string;
}
