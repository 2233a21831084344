import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Min, ValidateIf, ValidateNested } from 'class-validator';

export class ApproverDto {
  @ApiProperty({ description: 'Who at the customer decides (kept with the consent, never logged)' })
  @IsString()
  @Length(1, 200)
  name: string;
  @ApiPropertyOptional({ example: 'CISO' }) @IsOptional() @IsString() @Length(1, 200) role?: string;
}

export class DecideApprovalDto {
  @ApiProperty({ enum: ['approve', 'deny'] }) @IsIn(['approve', 'deny']) decision: 'approve' | 'deny';

  @ApiPropertyOptional({ type: ApproverDto, description: 'Required to approve' })
  @ValidateIf((o: DecideApprovalDto) => o.decision === 'approve' || o.approver !== undefined)
  @ValidateNested()
  @Type(() => ApproverDto)
  approver?: ApproverDto;

  @ApiPropertyOptional({
    description: 'How long the consent lasts; default and maximum from the policy (7 and 30 days as shipped)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  durationDays?: number;

  @ApiPropertyOptional({ description: 'A note for the support team (kept with the decision, never logged)' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}
