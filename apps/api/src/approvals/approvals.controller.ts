import { Body, Controller, Get, HttpCode, Param, Post, Res, UseGuards } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@eea/auth';
import { DecideApprovalService, ReadApprovalService, RevokeApprovalService } from '@eea/consent-approval';
import { APPROVAL_PAGE_EXAMPLE, APPROVED_EXAMPLE, REVOKED_EXAMPLE } from './approval-examples';
import { ApprovalRateLimitGuard } from './approval-rate-limit.guard';
import { DecideApprovalDto } from './decide-approval.dto';

/** The customer's side (SPEC 9): no account, the link's token is the authority. Unknown or expired: 404. */
@ApiTags('approvals')
@Public()
@UseGuards(ApprovalRateLimitGuard)
@ApiNotFoundResponse({ description: 'Unknown, malformed, tampered or expired link (all alike)' })
@ApiTooManyRequestsResponse({ description: 'Too many requests for this link or from this address; see Retry-After' })
@Controller('v1/approvals')
export class ApprovalsController {
  constructor(
    private readonly reads: ReadApprovalService,
    private readonly decisions: DecideApprovalService,
    private readonly revocations: RevokeApprovalService,
  ) {}

  @Get(':token')
  @ApiOperation({
    summary: 'What the customer is asked to approve, and its state',
    description: 'Anyone holding the link. No personal data.',
  })
  @ApiOkResponse({
    description: 'The request, its status, and the consent once there is one',
    schema: { example: APPROVAL_PAGE_EXAMPLE },
  })
  read(@Param('token') token: string) {
    return this.reads.execute(token);
  }

  /** Approve: 201 {consent, receipt}, routing already changed. Deny: 200 {status: "denied"}. A second decision: 409. */
  @Post(':token')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Approve or deny, once',
    description: 'Anyone holding the link. Approve: the consent is active and routing reflects it before the answer.',
  })
  @ApiCreatedResponse({ description: 'Approved: the consent and its signed receipt', schema: { example: APPROVED_EXAMPLE } })
  @ApiOkResponse({ description: 'Denied: the escalation is refused', schema: { example: { status: 'denied' } } })
  @ApiConflictResponse({ description: 'Already decided (through this link, another one, or by a manager), or lapsed' })
  async decide(@Param('token') token: string, @Body() body: DecideApprovalDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const result = await this.decisions.execute(token, body);
    if (result.status === 'denied') return { status: 'denied' };
    void reply.status(201);
    return { consent: result.consent, receipt: result.receipt };
  }

  @Post(':token/revoke')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Withdraw the consent given through this link; takes effect before it answers',
    description: 'Anyone holding the link, for as long as the consent lives.',
  })
  @ApiOkResponse({ description: 'The consent with revokedAt', schema: { example: REVOKED_EXAMPLE } })
  @ApiConflictResponse({ description: 'Nothing approved to revoke' })
  revoke(@Param('token') token: string) {
    return this.revocations.execute(token);
  }
}
