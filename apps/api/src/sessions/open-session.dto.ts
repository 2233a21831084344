import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class OpenSessionDto {
  @ApiProperty({ description: 'An access token; exchanged for a session cookie and never stored by the browser' })
  @IsString()
  @Length(8, 512)
  token: string;
}
