import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuditService } from '@eea/audit';
import { Roles } from '@eea/auth';
import { TimeRangeQuery } from './time-range.query';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/audit')
@Roles('admin', 'auditor')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** Hash-chained entries in chain order; `truncated` says the window held more than one answer returns. */
  @Get()
  list(@Query() query: TimeRangeQuery) {
    return this.audit.entries(query);
  }
}
