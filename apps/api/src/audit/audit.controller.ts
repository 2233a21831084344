import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuditCheckpointService, AuditService } from '@eea/audit';
import { Roles } from '@eea/auth';
import { TimeRangeQuery } from './time-range.query';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/audit')
@Roles('admin', 'auditor')
export class AuditController {
  constructor(private readonly audit: AuditService, private readonly checkpoints: AuditCheckpointService) {}

  /** Hash-chained entries in chain order; `truncated` says the window held more than one answer returns. */
  @Get()
  list(@Query() query: TimeRangeQuery) {
    return this.audit.entries(query);
  }

  /**
   * Signed checkpoints of the chain head, newest first (the latest 1,000): compact JWS (EdDSA, `kid`,
   * typ `audit-checkpoint+jws`) over {seq, hash, at}, verifiable with /.well-known/jwks.json. Keep copies:
   * `npm run audit:verify -- --checkpoint <file>` compares the log with them.
   */
  @Get('checkpoints')
  async listCheckpoints() {
    return { items: await this.checkpoints.list(), jwks: '/.well-known/jwks.json' };
  }
}
