import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig, Clock } from '@eea/config';

/**
 * Resolved tickets keep their requester pseudonyms for RETENTION_DAYS (so that a data subject's
 * export or erasure can still find them), then lose them. Routing facts and decisions stay.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async purge(): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - this.config.RETENTION_DAYS * 86_400_000);
    const [, count] = await this.dataSource.query(
      `UPDATE tickets SET requester_email_hash = NULL, requester_phone_hash = NULL, requester_external_hash = NULL
        WHERE status = 'resolved' AND resolved_at < $1
          AND (requester_email_hash IS NOT NULL OR requester_phone_hash IS NOT NULL OR requester_external_hash IS NOT NULL)`,
      [cutoff],
    );
    this.logger.log({ purged: count }, 'retention purge done');
    return count as number;
  }
}
