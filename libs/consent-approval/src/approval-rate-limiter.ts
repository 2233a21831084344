import { Injectable } from '@nestjs/common';
import { AppConfig } from '@eea/config';
import { QueueService } from '@eea/queue';
import { approvalTokenHash } from './approval-token';

const WINDOW_MS = 60_000;

/**
 * Approval links are public routes authorised by the token alone: each link, and each client address
 * across all links, gets a small fixed-window budget per minute, shared by every API process through
 * Redis. Unknown tokens count like real ones (by their hash), so guessing is slowed as much as using.
 * The 256-bit token is what makes guessing hopeless; this keeps a leaked link from being hammered and
 * keeps one address from scanning. With Redis unreachable the check is skipped, as for the global limit.
 */
@Injectable()
export class ApprovalRateLimiter {
  constructor(
    private readonly queues: QueueService,
    private readonly config: AppConfig,
  ) {}

  /** Seconds to wait when the link or the address is over its budget; 0 when the request may go on. */
  async check(token: string, address: string): Promise<number> {
    const prefix = `${this.config.QUEUE_PREFIX}:approval-limit`;
    try {
      const waits = await Promise.all([
        this.count(`${prefix}:link:${approvalTokenHash(token)}`, this.config.APPROVAL_LINK_RATE_LIMIT_PER_MINUTE),
        this.count(`${prefix}:address:${address}`, this.config.APPROVAL_ADDRESS_RATE_LIMIT_PER_MINUTE),
      ]);
      return Math.max(...waits);
    } catch {
      return 0;
    }
  }

  private async count(key: string, limit: number): Promise<number> {
    const result = await this.queues.connection.multi().set(key, 0, 'PX', WINDOW_MS, 'NX').incr(key).pttl(key).exec();
    const count = Number(result?.[1]?.[1] ?? 0);
    const ttl = Number(result?.[2]?.[1] ?? WINDOW_MS);
    return count > limit ? Math.max(1, Math.ceil(ttl / 1000)) : 0;
  }
}
