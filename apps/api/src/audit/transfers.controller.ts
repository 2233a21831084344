import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { TransferLogService } from '@eea/tickets';
import { Roles } from '@eea/auth';
import { TransfersQuery } from './time-range.query';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/transfers')
@Roles('admin', 'auditor')
export class TransfersController {
  constructor(private readonly transfers: TransferLogService) {}

  /** JSON by default; CSV with a header row for `Accept: text/csv` or `?format=csv` (X-Truncated says if it was cut). */
  @Get()
  @ApiProduces('application/json', 'text/csv')
  async list(
    @Query() query: TransfersQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const csv = query.format === 'csv' || (query.format === undefined && /\btext\/csv\b/i.test(accept ?? ''));
    if (!csv) return this.transfers.list(query);
    const { body, truncated } = await this.transfers.csv(query);
    void reply.header('content-type', 'text/csv; charset=utf-8').header('x-truncated', String(truncated));
    return body;
  }
}
