import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

/** At least one identifier (checked by the service, which answers 400 naming `email`). */
export class PrivacyRequestDto {
  @ApiPropertyOptional({ example: 'jane@example.com' }) @IsOptional() @IsString() @Length(1, 320) email?: string;
  @ApiPropertyOptional({ example: '+49 30 1234567' }) @IsOptional() @IsString() @Length(1, 64) phone?: string;
}
