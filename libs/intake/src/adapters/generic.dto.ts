import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsNotEmptyObject, IsOptional, IsString, Matches, Max, MaxLength, Min,
  ValidateNested,
} from 'class-validator';

const PRINTABLE = /^[^\u0000-\u001f]{1,200}$/;
const PRINTABLE_MESSAGE = 'must be 1-200 printable characters';

/** Accepted so that senders need not strip it; never stored (only pseudonyms of email and phone are). */
export class GenericRequesterDto {
  @IsOptional() @IsString() @MaxLength(500) name?: string;
  @IsOptional() @IsString() @MaxLength(320) email?: string;
  @IsOptional() @IsString() @MaxLength(64) phone?: string;
}

export class GenericTicketDto {
  @Matches(PRINTABLE, { message: PRINTABLE_MESSAGE }) externalId: string;
  /** As the ticketing system has it (SPEC 4): 1-200 printable characters, spaces allowed. */
  @Matches(PRINTABLE, { message: PRINTABLE_MESSAGE }) organizationId: string;
  @IsString() @MaxLength(64) region: string;
  @IsInt() @Min(1) @Max(4) severity: 1 | 2 | 3 | 4;
  @IsOptional() @IsString() @MaxLength(100) category?: string;
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(100, { each: true }) skills?: string[];
  @IsOptional() @IsString() @MaxLength(35) language?: string;
  @IsOptional() @Matches(PRINTABLE, { message: PRINTABLE_MESSAGE }) problemRef?: string;
  /** Accepted and dropped at the door. */
  @IsOptional() @IsString() @MaxLength(10_000) subject?: string;
  @IsOptional() @IsNotEmptyObject({ nullable: false }) @ValidateNested() @Type(() => GenericRequesterDto) requester?: GenericRequesterDto;
  @IsISO8601({ strict: true }) updatedAt: string;
}

/** The `generic` source's body (SPEC 5); unknown fields are rejected. */
export class GenericDeliveryDto {
  @Matches(PRINTABLE, { message: PRINTABLE_MESSAGE }) deliveryId: string;
  @IsIn(['ticket.created', 'ticket.updated', 'ticket.closed']) event: 'ticket.created' | 'ticket.updated' | 'ticket.closed';
  @IsNotEmptyObject({ nullable: false }) @ValidateNested() @Type(() => GenericTicketDto) ticket: GenericTicketDto;
}
