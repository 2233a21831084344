import { Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiConsumes, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@eea/auth';
import { ApiError, SIGNED_ROUTE } from '@eea/http';
import { WebhookIntakeService } from '@eea/intake';

const RETRY_AFTER_SECONDS = 30;

/** Ticketing systems push tickets here; they authenticate by signature, not by bearer token. */
@ApiTags('webhooks')
@Controller('v1/webhooks')
export class WebhooksController {
  constructor(private readonly intake: WebhookIntakeService) {}

  @Post(':source')
  @Public()
  @RouteConfig(SIGNED_ROUTE)
  @HttpCode(202)
  @ApiOperation({ summary: 'Receive a signed ticket webhook from generic, zendesk or jira (see README)' })
  @ApiConsumes('application/json')
  @ApiHeader({ name: 'x-signature', required: false, description: 'generic: t=<unix seconds>,v1=<hex HMAC-SHA256>' })
  async receive(
    @Param('source') source: string,
    @Req() request: FastifyRequest & { rawBody?: Buffer },
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    try {
      return await this.intake.receive(source, request.headers, request.rawBody);
    } catch (e) {
      // Zendesk and Jira retry a 503; tell them when (SPEC 5.1).
      if (e instanceof ApiError && e.getStatus() === 503) void reply.header('retry-after', RETRY_AFTER_SECONDS);
      throw e;
    }
  }
}
