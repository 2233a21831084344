import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@eea/auth';
import { AppConfig } from '@eea/config';
import { UuidParam } from '@eea/http';
import { AgentWorkService, ClaimService } from '@eea/agent-work';
import { TicketActivityService, TicketQueryService, toDecisionView, toTicketView } from '@eea/tickets';
import { ListTicketsQuery } from './list-tickets.query';

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('v1/tickets')
export class TicketsController {
  constructor(
    private readonly tickets: TicketQueryService,
    private readonly work: AgentWorkService,
    private readonly claims: ClaimService,
    private readonly activities: TicketActivityService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @Roles('admin', 'manager', 'auditor')
  async list(@Query() query: ListTicketsQuery) {
    const page = await this.tickets.list(query);
    return { items: page.items.map((t) => toTicketView(t, this.config.TICKET_URL_TEMPLATE)), nextCursor: page.nextCursor };
  }

  /** Agents see a ticket only while they may work it; for anyone else it does not exist (404). */
  @Get(':id')
  @Roles('admin', 'manager', 'auditor', 'agent')
  async get(@Param('id', new UuidParam()) id: string, @CurrentPrincipal() who: Principal) {
    const ticket = who.role === 'agent' ? await this.work.read(who.agentId!, id) : await this.tickets.get(id);
    return toTicketView(ticket, this.config.TICKET_URL_TEMPLATE);
  }

  @Get(':id/decisions')
  @Roles('admin', 'manager', 'auditor')
  async decisions(@Param('id', new UuidParam()) id: string) {
    return { items: (await this.tickets.decisions(id)).map(toDecisionView) };
  }

  /** Claims, releases, resolutions, escalations, take-backs and re-routes of the ticket, oldest first, with who and when. */
  @Get(':id/activity')
  @Roles('admin', 'manager', 'auditor')
  activity(@Param('id', new UuidParam()) id: string) {
    return this.activities.activity(id);
  }

  /** 200: the ticket is now the caller's; 404: it may not work it; 409: someone holds it, or the caller is at capacity. */
  @Post(':id/claim')
  @Roles('agent')
  @HttpCode(200)
  async claim(@Param('id', new UuidParam()) id: string, @CurrentPrincipal() who: Principal) {
    return toTicketView(await this.claims.claimTicket(who.agentId!, id), this.config.TICKET_URL_TEMPLATE);
  }

  @Post(':id/release')
  @Roles('agent')
  @HttpCode(200)
  async release(@Param('id', new UuidParam()) id: string, @CurrentPrincipal() who: Principal) {
    return toTicketView(await this.work.release(who.agentId!, id), this.config.TICKET_URL_TEMPLATE);
  }

  @Post(':id/resolve')
  @Roles('agent')
  @HttpCode(200)
  async resolve(@Param('id', new UuidParam()) id: string, @CurrentPrincipal() who: Principal) {
    return toTicketView(await this.work.resolve(who.agentId!, id), this.config.TICKET_URL_TEMPLATE);
  }
}
