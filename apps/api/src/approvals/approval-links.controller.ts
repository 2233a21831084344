import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@eea/auth';
import { CreateApprovalLinkService } from '@eea/consent-approval';
import { UuidParam } from '@eea/http';
import { CreateApprovalLinkDto } from './create-approval-link.dto';

@ApiTags('approvals')
@ApiBearerAuth()
@Controller('v1/consent-requests')
export class ApprovalLinksController {
  constructor(private readonly links: CreateApprovalLinkService) {}

  @Post(':id/approval-links')
  @Roles('manager')
  @HttpCode(201)
  @ApiOperation({ summary: 'Send a consent request to the customer\'s approver',
    description: 'Answers {url, expiresAt} once; the url is also in the consent.approval_requested event. Only the token\'s hash is stored.' })
  create(@Param('id', new UuidParam()) id: string, @Body() body: CreateApprovalLinkDto = {}, @CurrentPrincipal() who: Principal) {
    return this.links.execute(id, body?.expiresInHours, who.tokenId);
  }
}
