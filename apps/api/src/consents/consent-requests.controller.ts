import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@eea/auth';
import { ConsentRequestService } from '@eea/consent';
import { ReadConsentRequestService } from '@eea/consent-approval';
import { UuidParam } from '@eea/http';
import { ListConsentRequestsQuery } from './list-consent-requests.query';

@ApiTags('consents')
@ApiBearerAuth()
@Controller('v1/consent-requests')
export class ConsentRequestsController {
  constructor(
    private readonly requests: ConsentRequestService,
    private readonly reads: ReadConsentRequestService,
  ) {}

  /** Escalations waiting for the customer's consent (pending by default; lapsed ones are marked expired). */
  @Get()
  @Roles('manager')
  list(@Query() query: ListConsentRequestsQuery) {
    return this.requests.list(query.status);
  }

  /** One request: how the escalation was answered (a customer's denial included). Agents see only their own. */
  @Get(':id')
  @Roles('manager', 'agent')
  @ApiOperation({
    summary: 'One consent request and how it was answered',
    description:
      "Managers, and the agent that raised it (404 for other agents). A customer's decision through an approval link is in `customerDecision`.",
  })
  get(@Param('id', new UuidParam()) id: string, @CurrentPrincipal() who: Principal) {
    return this.reads.execute(id, who.role === 'agent' ? who.agentId : null);
  }
}
