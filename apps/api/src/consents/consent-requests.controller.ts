import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@eea/auth';
import { ConsentRequestService } from '@eea/consent';
import { ListConsentRequestsQuery } from './list-consent-requests.query';

@ApiTags('consents')
@ApiBearerAuth()
@Controller('v1/consent-requests')
export class ConsentRequestsController {
  constructor(private readonly requests: ConsentRequestService) {}

  /** Escalations waiting for the customer's consent (pending by default; lapsed ones are marked expired). */
  @Get()
  @Roles('manager')
  list(@Query() query: ListConsentRequestsQuery) {
    return this.requests.list(query.status);
  }
}
