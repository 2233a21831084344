import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@eea/auth';
import { UuidParam } from '@eea/http';
import { ConsentGrantService, ConsentListService, ConsentRevocationService } from '@eea/consent-gate';
import { GrantConsentDto } from './grant-consent.dto';
import { ListConsentsQuery } from './list-consents.query';

@ApiTags('consents')
@ApiBearerAuth()
@Controller('v1/consents')
export class ConsentsController {
  constructor(
    private readonly grants: ConsentGrantService,
    private readonly revocations: ConsentRevocationService,
    private readonly consents: ConsentListService,
  ) {}

  /** Active consents to review or revoke, or those covering a ticket or an organisation. */
  @Get()
  @Roles('admin', 'manager', 'auditor')
  list(@Query() query: ListConsentsQuery) {
    return this.consents.list(query);
  }

  /** Records the customer's consent; what it covers is re-routed at once. */
  @Post()
  @Roles('manager')
  @HttpCode(201)
  grant(@Body() body: GrantConsentDto, @CurrentPrincipal() who: Principal) {
    return this.grants.grant(body, who.tokenId);
  }

  /** Takes effect before it answers: agents let in only by this consent have lost its tickets. */
  @Delete(':id')
  @Roles('manager')
  revoke(@Param('id', new UuidParam()) id: string, @CurrentPrincipal() who: Principal) {
    return this.revocations.revoke(id, who.tokenId);
  }
}
