import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { TICKET_STATUSES, TicketStatus } from '@eea/tickets';

export class ListTicketsQuery {
  @ApiPropertyOptional({ enum: TICKET_STATUSES }) @IsOptional() @IsIn(TICKET_STATUSES) status?: TicketStatus;
  /** Organisation ids as the ticketing systems have them (SPEC 4): 1-200 printable characters. */
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[^\u0000-\u001f\u007f]{1,200}$/, { message: 'must be 1-200 printable characters' })
  organizationId?: string;
  /** Tickets carrying this flag, e.g. unmapped_priority (what intake could not read), unknown_organization. */
  @ApiPropertyOptional({ example: 'unmapped_priority' })
  @IsOptional()
  @Matches(/^[a-z0-9_]{1,64}$/, { message: 'must be a flag name' })
  flag?: string;
  @ApiPropertyOptional({ default: 50, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit = 50;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}
