import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@eea/auth';
import { AppConfig } from '@eea/config';
import { UuidParam } from '@eea/http';
import { toTicketView } from '@eea/tickets';
import { EscalationService } from '@eea/consent-gate';
import { EscalateDto } from './escalate.dto';

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('v1/tickets')
export class EscalationsController {
  constructor(
    private readonly escalations: EscalationService,
    private readonly config: AppConfig,
  ) {}

  /** 202: the ticket left the caller for agents of that country; 409 consent_required: managers were asked first. */
  @Post(':id/escalations')
  @Roles('agent')
  @HttpCode(202)
  async escalate(@Param('id', new UuidParam()) id: string, @Body() body: EscalateDto, @CurrentPrincipal() who: Principal) {
    return toTicketView(await this.escalations.escalate(who.agentId!, id, body, who.tokenId), this.config.TICKET_URL_TEMPLATE);
  }
}
