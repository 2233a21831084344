import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';

export class EscalateDto {
  @ApiProperty({ example: 'US', description: 'ISO 3166-1 alpha-2 country whose agents should take the ticket' })
  @Matches(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 code in capitals' })
  country: string;

  @ApiProperty({ description: 'Why the ticket needs that country (shown to managers with the consent request; never logged)' })
  @IsString()
  @Length(1, 2000)
  reason: string;
}
