import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class CreateApprovalLinkDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 168, default: 72, description: 'How long the customer has to decide' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(168)
  expiresInHours?: number;
}
