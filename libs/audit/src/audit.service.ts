import { Injectable } from '@nestjs/common';
import { Clock } from '@eea/config';
import { Db } from '@eea/database';
import { OutboxService } from '@eea/queue';
import { AuditEntryEntity } from './audit-entry.entity';
import { GENESIS_HASH, entryHash } from './audit-chain';
import { auditChainHead, auditEntriesBetween, insertAuditEntry, lockAuditChain } from './audit-log.repository';
import { auditCsv, toAuditViews } from './audit-view';
import { ChainWalk, walkAuditChain } from './audit-walk';
import { parseTimeRange } from './time-range';

export interface AuditInput {
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  /** Ids and enums only: the audit log is kept long and must hold no personal data. */
  details?: Record<string, unknown>;
}

@Injectable()
export class AuditService {
  constructor(
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  /**
   * Appends inside the caller's transaction when given one (`tx.db`), so the entry commits with the
   * change; otherwise in a transaction of its own. Appends run under an advisory lock. The caller's
   * transaction must be READ COMMITTED (the default): in a REPEATABLE READ snapshot the head read
   * after the lock could be stale and the seq would collide.
   */
  async append(input: AuditInput, db?: Db): Promise<AuditEntryEntity> {
    if (!db) return this.outbox.inTransaction((tx) => this.append(input, tx.db));
    await lockAuditChain(db);
    const last = await auditChainHead(db);
    const base = {
      seq: last ? last.seq + 1 : 1,
      // The injectable clock, so that entries line up with the decisions and accesses they explain.
      at: this.clock.now(),
      actor: input.actor,
      action: input.action,
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      details: input.details ?? {},
      prevHash: last ? last.hash : GENESIS_HASH,
    };
    const entry = Object.assign(new AuditEntryEntity(), base, { hash: entryHash(base) });
    await insertAuditEntry(db, entry);
    return entry;
  }

  /** Entries with from <= at <= to in chain order; `truncated` when more than `limit` matched. */
  async list(from: Date, to: Date, limit = 10_000): Promise<{ items: AuditEntryEntity[]; truncated: boolean }> {
    const rows = await auditEntriesBetween(this.outbox.db, from, to, limit + 1);
    return { items: rows.slice(0, limit), truncated: rows.length > limit };
  }

  /** GET /v1/audit: a window (default the last 30 days) of entries as the API shows them. */
  async entries(query: { from?: string; to?: string }) {
    const range = parseTimeRange(query, this.clock.now());
    const { items, truncated } = await this.list(range.from, range.to);
    return {
      items: await toAuditViews(this.outbox.db, items),
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      truncated,
    };
  }

  /** The same window as CSV with a header row; `truncated` travels in a response header. */
  async csv(query: { from?: string; to?: string }): Promise<{ body: string; truncated: boolean }> {
    const page = await this.entries(query);
    return { body: auditCsv(page.items), truncated: page.truncated };
  }

  /** Walks the whole chain in pages; returns the first broken link or null when intact. */
  async verify(): Promise<{ checked: number; broken: { seq: number; reason: string } | null }> {
    const { checked, broken } = await this.walk();
    return { checked, broken };
  }

  /** See `walkAuditChain`. */
  walk(wanted: ReadonlySet<number> = new Set()): Promise<ChainWalk> {
    return walkAuditChain(this.outbox.db, wanted);
  }
}
