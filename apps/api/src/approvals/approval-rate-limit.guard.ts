import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApprovalRateLimiter } from '@eea/consent-approval';
import { ApiError } from '@eea/http';

/** Per-link and per-address budgets of the public approval routes (429 with Retry-After when spent). */
@Injectable()
export class ApprovalRateLimitGuard implements CanActivate {
  constructor(private readonly limiter: ApprovalRateLimiter) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest<{ Params: { token?: string } }>>();
    const wait = await this.limiter.check(request.params.token ?? '', request.ip);
    if (wait === 0) return true;
    void context.switchToHttp().getResponse<FastifyReply>().header('retry-after', String(wait));
    throw new ApiError(429, 'rate_limited', 'Too many requests for this approval link; retry after the time in Retry-After.');
  }
}
