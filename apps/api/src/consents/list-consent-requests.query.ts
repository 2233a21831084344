import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { ConsentRequestStatus } from '@eea/consent';

const STATUSES: ConsentRequestStatus[] = ['pending', 'granted', 'expired', 'denied'];

export class ListConsentRequestsQuery {
  @ApiPropertyOptional({ enum: STATUSES, default: 'pending' }) @IsOptional() @IsIn(STATUSES) status: ConsentRequestStatus =
    'pending';
}
