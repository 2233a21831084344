import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Between, DataSource, EntityManager } from 'typeorm';
import { Clock } from '@eea/config';
import { AuditEntryEntity } from './audit-entry.entity';
import { GENESIS_HASH, entryHash, findBrokenLink } from './audit-chain';
import { auditCsv, toAuditViews } from './audit-view';
import { parseTimeRange } from './time-range';

/** Serialises appends so that each entry links to exactly the previous one. */
const AUDIT_LOCK = 7_344_202;

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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Appends inside the caller's transaction when given one, so the entry commits with the change. */
  /**
   * Appends under an advisory lock. The caller's transaction must be READ COMMITTED (the default): in a
   * REPEATABLE READ snapshot the head read after the lock could be stale and the seq would collide.
   */
  async append(input: AuditInput, manager?: EntityManager): Promise<AuditEntryEntity> {
    if (!manager) return this.dataSource.transaction((m) => this.append(input, m));
    await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
    const [last] = await manager.query('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    const base = {
      seq: last ? Number(last.seq) + 1 : 1,
      // The injectable clock, so that entries line up with the decisions and accesses they explain.
      at: this.clock.now(),
      actor: input.actor,
      action: input.action,
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      details: input.details ?? {},
      prevHash: last ? (last.hash as string) : GENESIS_HASH,
    };
    return manager.save(AuditEntryEntity, manager.create(AuditEntryEntity, { ...base, hash: entryHash(base) }));
  }

  /** Entries with from <= at <= to in chain order; `truncated` when more than `limit` matched. */
  async list(from: Date, to: Date, limit = 10_000): Promise<{ items: AuditEntryEntity[]; truncated: boolean }> {
    const rows = await this.dataSource
      .getRepository(AuditEntryEntity)
      .find({ where: { at: Between(from, to) }, order: { seq: 'ASC' }, take: limit + 1 });
    return { items: rows.slice(0, limit), truncated: rows.length > limit };
  }

  /** GET /v1/audit: a window (default the last 30 days) of entries as the API shows them. */
  async entries(query: { from?: string; to?: string }) {
    const range = parseTimeRange(query, this.clock.now());
    const { items, truncated } = await this.list(range.from, range.to);
    return {
      items: await toAuditViews(this.dataSource, items),
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

  /**
   * Walks the whole chain in pages: the first broken link (and how many entries before it hold), the
   * head, and the stored hash at each of the `wanted` seqs (the checkpoints to compare with).
   */
  async walk(wanted: ReadonlySet<number> = new Set()): Promise<ChainWalk> {
    let prevHash = GENESIS_HASH;
    let lastSeq = 0;
    let checked = 0;
    let broken: ChainWalk['broken'] = null;
    const hashes = new Map<number, string>();
    for (;;) {
      const page = await this.dataSource
        .getRepository(AuditEntryEntity)
        .createQueryBuilder('a')
        .where('a.seq > :lastSeq', { lastSeq })
        .orderBy('a.seq', 'ASC')
        .take(5_000)
        .getMany();
      if (page.length === 0) return { checked, broken, head: lastSeq ? { seq: lastSeq, hash: prevHash } : null, hashes };
      for (const e of page) if (wanted.has(e.seq)) hashes.set(e.seq, e.hash);
      if (!broken) {
        broken = findBrokenLink(page, prevHash, lastSeq);
        checked += broken ? page.findIndex((e) => e.seq === broken!.seq) : page.length;
      }
      prevHash = page[page.length - 1].hash;
      lastSeq = page[page.length - 1].seq;
    }
  }
}

export interface ChainWalk {
  checked: number;
  broken: { seq: number; reason: string } | null;
  /** The last stored entry, as stored. */
  head: { seq: number; hash: string } | null;
  hashes: Map<number, string>;
}
