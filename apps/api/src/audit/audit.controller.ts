import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuditCheckpointService, AuditService } from '@eea/audit';
import { Roles } from '@eea/auth';
import { TransfersQuery } from './time-range.query';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/audit')
@Roles('admin', 'auditor')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly checkpoints: AuditCheckpointService,
  ) {}

  /**
   * Hash-chained entries in chain order; `truncated` says the window held more than one answer returns.
   * CSV with a header row for `Accept: text/csv` or `?format=csv` (X-Truncated says if it was cut).
   */
  @Get()
  @ApiProduces('application/json', 'text/csv')
  async list(
    @Query() query: TransfersQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (!wantsCsv(query.format, accept)) return this.audit.entries(query);
    const { body, truncated } = await this.audit.csv(query);
    void reply.header('content-type', 'text/csv; charset=utf-8').header('x-truncated', String(truncated));
    return body;
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

export function wantsCsv(format: 'json' | 'csv' | undefined, accept: string | undefined): boolean {
  return format === 'csv' || (format === undefined && /\btext\/csv\b/i.test(accept ?? ''));
}
