import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsUUID, Matches } from 'class-validator';
import { ID_MESSAGE, ID_PATTERN } from '@eea/http';

export class ListConsentsQuery {
  @ApiPropertyOptional({ type: Boolean, description: 'true: active now (granted, not expired, not revoked); false: the others' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'must be true or false' })
  active?: boolean;
  @ApiPropertyOptional({ format: 'uuid', description: "Consents covering this ticket (its own and its problem's)" })
  @IsOptional()
  @IsUUID()
  ticketId?: string;
  @ApiPropertyOptional({ description: 'Consents of this organisation (problem scope, or for one of its tickets)' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  organizationId?: string;
}
