import { Body, Controller, Get, HttpCode, Param, Post, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@eea/auth';
import { DecideApprovalService, ReadApprovalService, RevokeApprovalService } from '@eea/consent-approval';
import { ApprovalRateLimitGuard } from './approval-rate-limit.guard';
import { DecideApprovalDto } from './decide-approval.dto';

/** The customer's side (SPEC 9): no account, the link's token is the authority. Unknown or expired: 404. */
@ApiTags('approvals')
@Public()
@UseGuards(ApprovalRateLimitGuard)
@Controller('v1/approvals')
export class ApprovalsController {
  constructor(
    private readonly reads: ReadApprovalService,
    private readonly decisions: DecideApprovalService,
    private readonly revocations: RevokeApprovalService,
  ) {}

  @Get(':token')
  @ApiOperation({ summary: 'What the customer is asked to approve, and its state', description: 'No personal data.' })
  read(@Param('token') token: string) {
    return this.reads.execute(token);
  }

  /** Approve: 201 {consent, receipt}, routing already changed. Deny: 200 {status: "denied"}. A second decision: 409. */
  @Post(':token')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve or deny, once' })
  async decide(@Param('token') token: string, @Body() body: DecideApprovalDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const result = await this.decisions.execute(token, body);
    if (result.status === 'denied') return { status: 'denied' };
    void reply.status(201);
    return { consent: result.consent, receipt: result.receipt };
  }

  @Post(':token/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw the consent given through this link; takes effect before it answers' })
  revoke(@Param('token') token: string) {
    return this.revocations.execute(token);
  }
}
