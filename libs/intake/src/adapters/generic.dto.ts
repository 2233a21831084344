import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmptyObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsInstant, IsSafeText } from '@eea/http';

const PRINTABLE = /^[^\u0000-\u001f]{1,200}$/;
const PRINTABLE_MESSAGE = 'must be 1-200 printable characters';

/** Accepted so that senders need not strip it; never stored (only pseudonyms of email and phone are). */
export class GenericRequesterDto {
  @IsOptional() @IsString() @IsSafeText() @MaxLength(500) name?: string;
  @IsOptional() @IsString() @IsSafeText() @MaxLength(320) email?: string;
  @IsOptional() @IsString() @IsSafeText() @MaxLength(64) phone?: string;
}

export class GenericTicketDto {
  @IsSafeText() @Matches(PRINTABLE, { message: PRINTABLE_MESSAGE }) externalId: string;
  /** As the ticketing system has it (SPEC 4): 1-200 printable characters, spaces allowed. */
  @IsSafeText() @Matches(PRINTABLE, { message: PRINTABLE_MESSAGE }) organizationId: string;
  @IsString() @IsSafeText() @MaxLength(64) region: string;
  @IsInt() @Min(1) @Max(4) severity: 1 | 2 | 3 | 4;
  @IsOptional() @IsString() @IsSafeText() @MaxLength(100) category?: string;
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsSafeText({ each: true })
  @MaxLength(100, { each: true })
  skills?: string[];
  @IsOptional() @IsString() @IsSafeText() @MaxLength(35) language?: string;
  @IsOptional() @IsSafeText() @Matches(PRINTABLE, { message: PRINTABLE_MESSAGE }) problemRef?: string;
  /** Accepted and dropped at the door. */
  @IsOptional() @IsString() @IsSafeText() @MaxLength(10_000) subject?: string;
  @IsOptional()
  @IsNotEmptyObject({ nullable: false })
  @ValidateNested()
  @Type(() => GenericRequesterDto)
  requester?: GenericRequesterDto;
  @IsInstant() updatedAt: string;
}

/** The `generic` source's body (SPEC 5); unknown fields are rejected. */
export class GenericDeliveryDto {
  @IsSafeText() @Matches(PRINTABLE, { message: PRINTABLE_MESSAGE }) deliveryId: string;
  @IsIn(['ticket.created', 'ticket.updated', 'ticket.closed']) event: 'ticket.created' | 'ticket.updated' | 'ticket.closed';
  @IsNotEmptyObject({ nullable: false }) @ValidateNested() @Type(() => GenericTicketDto) ticket: GenericTicketDto;
}
