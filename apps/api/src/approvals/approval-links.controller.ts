import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@eea/auth';
import { CreateApprovalLinkService } from '@eea/consent-approval';
import { UuidParam } from '@eea/http';
import { APPROVAL_LINK_EXAMPLE } from './approval-examples';
import { CreateApprovalLinkDto } from './create-approval-link.dto';

@ApiTags('approvals')
@ApiBearerAuth()
@Controller('v1/consent-requests')
export class ApprovalLinksController {
  constructor(private readonly links: CreateApprovalLinkService) {}

  @Post(':id/approval-links')
  @Roles('manager')
  @HttpCode(201)
  @ApiOperation({
    summary: "Send a consent request to the customer's approver",
    description:
      "Managers. Answers {url, expiresAt} once; the url is also in the consent.approval_requested event. Only the token's hash is stored.",
  })
  @ApiCreatedResponse({ description: 'The link to send to the customer', schema: { example: APPROVAL_LINK_EXAMPLE } })
  @ApiConflictResponse({ description: 'The request is no longer pending' })
  create(@Param('id', new UuidParam()) id: string, @Body() body: CreateApprovalLinkDto = {}, @CurrentPrincipal() who: Principal) {
    return this.links.execute(id, body?.expiresInHours, who.tokenId);
  }
}
