import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

/** Checked as ISO-8601 by parseTimeRange, which names the bad field; here only their shape. */
export class TimeRangeQuery {
  @ApiPropertyOptional({ description: 'ISO-8601; default 30 days before `to`' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  from?: string;
  @ApiPropertyOptional({ description: 'ISO-8601; default now' }) @IsOptional() @IsString() @MaxLength(64) to?: string;
}

export class TransfersQuery extends TimeRangeQuery {
  @ApiPropertyOptional({ enum: ['json', 'csv'], description: 'or send Accept: text/csv' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}
