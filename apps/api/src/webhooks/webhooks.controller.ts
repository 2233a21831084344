import { Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiConsumes, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '@eea/auth';
import { SIGNED_ROUTE } from '@eea/http';
import { WebhookIntakeService } from '@eea/intake';

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
  receive(@Param('source') source: string, @Req() request: FastifyRequest & { rawBody?: Buffer }) {
    return this.intake.receive(source, request.headers, request.rawBody);
  }
}
