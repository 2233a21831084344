import { Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, Principal, Roles } from '@eea/auth';
import { AppConfig } from '@eea/config';
import { AgentWorkService, ClaimService } from '@eea/agent-work';
import { toTicketView } from '@eea/tickets';

@ApiTags('agents')
@ApiBearerAuth()
@Controller('v1/me')
@Roles('agent')
export class MeController {
  constructor(
    private readonly work: AgentWorkService,
    private readonly claims: ClaimService,
    private readonly config: AppConfig,
  ) {}

  /** What the agent holds and what it may claim now, best first (severity, then waiting time). */
  @Get('queue')
  async queue(@CurrentPrincipal() who: Principal) {
    const { assigned, available } = await this.work.queue(who.agentId!);
    const view = (t: Parameters<typeof toTicketView>[0]) => toTicketView(t, this.config.TICKET_URL_TEMPLATE);
    return { assigned: assigned.map(view), available: available.map(view) };
  }

  /** 200 with the ticket now assigned, or 204 when nothing is eligible. */
  @Post('claims')
  @HttpCode(200)
  async claim(@CurrentPrincipal() who: Principal, @Res({ passthrough: true }) reply: FastifyReply) {
    const ticket = await this.claims.claim(who.agentId!);
    if (!ticket) {
      void reply.status(204);
      return undefined;
    }
    return toTicketView(ticket, this.config.TICKET_URL_TEMPLATE);
  }
}
