import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, Clock } from '@eea/config';
import { OutboxService } from '@eea/queue';
import { purgeRequesterPseudonyms } from '@eea/tickets';

/**
 * Resolved tickets keep their requester pseudonyms for RETENTION_DAYS (so that a data subject's
 * export or erasure can still find them), then lose them. Routing facts and decisions stay.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async purge(): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - this.config.RETENTION_DAYS * 86_400_000);
    const count = await purgeRequesterPseudonyms(this.outbox.db, cutoff);
    this.logger.log({ purged: count }, 'retention purge done');
    return count;
  }
}
