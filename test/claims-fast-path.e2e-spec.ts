import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ClaimService } from '@eea/agent-work';
import { ManualClock } from '@eea/config';
import { claimFactsTotal } from '@eea/observability';
import { TicketEntity } from '@eea/tickets';
import { TestApp, createTestApp, seedAgent, seedOrganization, seedTicket, waitFor } from '@eea/testing';

const MONDAY_11_BRUSSELS = '2026-11-23T10:00:00Z';
/** The advisory lock that holds a claim's pick between its snapshot and its row lock (see `gatePick`). */
const GATE = 4242;

/**
 * A claim picks and locks its candidate and reads the facts of the live re-check in one statement. These
 * tests count its statements, and put a revocation between that statement's snapshot and its row lock,
 * where stale facts could slip in.
 */
describe('claims: one statement picks, locks and reads the facts', () => {
  const clock = new ManualClock(new Date(MONDAY_11_BRUSSELS));
  let t: TestApp;
  let ds: DataSource;
  let manager: string;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    ds = t.get(DataSource);
    await seedOrganization(t, 'acme', 'eea_only');
    manager = (await t.request('POST', '/v1/tokens', { body: { role: 'manager', name: 'floor lead' } })).body.token;
  });
  afterAll(async () => {
    await t?.close();
  });

  const ticket = (id: string) => ds.getRepository(TicketEntity).findOneByOrFail({ id });
  const factsRead = async (): Promise<Record<string, number>> =>
    Object.fromEntries((await claimFactsTotal.get()).values.map((v) => [String(v.labels.read), v.value]));
  const eeaTicket = (skill: string) =>
    seedTicket(t, { organizationId: 'acme', region: 'eu-central-1', severity: 1, skills: [skill] });

  /** Every statement sent while `work` runs, by connection. */
  async function statementsOf<T>(work: () => Promise<T>): Promise<{ result: T; byConnection: string[][] }> {
    const seen = new Map<Client, string[]>();
    const original = Client.prototype.query;
    const spy = jest.spyOn(Client.prototype, 'query').mockImplementation(function (this: Client, ...args: unknown[]) {
      const first = args[0] as string | { text: string };
      const text = typeof first === 'string' ? first : first.text;
      seen.set(this, [...(seen.get(this) ?? []), text]);
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as never);
    try {
      const result = await work();
      return { result, byConnection: [...seen.values()] };
    } finally {
      spy.mockRestore();
    }
  }

  /** What a claim's statement is: the agent lock, a ticket lock with the facts, the assignment with its records. */
  const label = (s: string) =>
    s.includes('FROM agents a WHERE a.id = $1 FOR UPDATE')
      ? 'lock agent'
      : s.includes('facts_fresh')
        ? 'lock + facts'
        : s.includes('INSERT INTO ticket_activity') &&
            s.includes('INSERT INTO ticket_accesses') &&
            s.includes('INSERT INTO outbox')
          ? 'assign + records'
          : s;

  it('claims in five round trips: BEGIN, the agent lock, pick with facts, assign with its records, COMMIT', async () => {
    const id = await eeaTicket('fast');
    await seedAgent(t, { id: 'fast-de', country: 'DE', skills: ['fast'] });
    const before = await factsRead();

    const { result, byConnection } = await statementsOf(() => t.get(ClaimService).claim('fast-de'));

    expect(result?.id).toBe(id);
    const claim = byConnection.find((texts) => texts.some((s) => s.includes('facts_fresh')))!;
    expect(claim.map(label)).toEqual(['START TRANSACTION', 'lock agent', 'lock + facts', 'assign + records', 'COMMIT']);
    const after = await factsRead();
    expect((after.with_lock ?? 0) - (before.with_lock ?? 0)).toBe(1);
    expect(after.again ?? 0).toBe(before.again ?? 0);
    // The restricted ticket's access was recorded by the same statement.
    const access = await ds.query(`SELECT agent_id, action, transfer FROM ticket_accesses WHERE ticket_id = $1`, [id]);
    expect(access).toEqual([{ agent_id: 'fast-de', action: 'claim', transfer: false }]);
    expect(await ticket(id)).toMatchObject({ status: 'assigned', assigneeId: 'fast-de' });
  });

  /**
   * Makes the pick statement wait, after its snapshot and before it locks a ticket, for the advisory lock
   * `GATE`: the claim pools are read through a view that takes it. Returns the way back.
   */
  async function gatePick(): Promise<() => Promise<void>> {
    await ds.query(`
      ALTER TABLE country_sets RENAME TO country_sets_stored;
      CREATE FUNCTION claim_gate() RETURNS boolean LANGUAGE plpgsql AS $$
        BEGIN PERFORM pg_advisory_xact_lock_shared(${GATE}); RETURN true; END $$;
      CREATE VIEW country_sets AS SELECT key, countries FROM country_sets_stored WHERE claim_gate();`);
    return async () => {
      await ds.query(`
        DROP VIEW country_sets;
        DROP FUNCTION claim_gate();
        ALTER TABLE country_sets_stored RENAME TO country_sets;`);
    };
  }

  it('reads the facts again when a revocation committed between the pick snapshot and its row lock, and does not assign', async () => {
    const id = await eeaTicket('race');
    await seedAgent(t, { id: 'race-us', country: 'US', skills: ['race'] });
    const granted = await t.request('POST', '/v1/consents', {
      token: manager,
      body: { ticketId: id, countries: ['US'], approvedBy: { name: 'Dana Customer', role: 'CISO' }, evidence: 'mail #4411' },
    });
    expect(granted.status).toBe(201);
    await waitFor(async () => (await ticket(id)).allowedCountries?.includes('US'), 10_000, 'consent routed');
    const before = await factsRead();

    const ungate = await gatePick();
    const gate = ds.createQueryRunner();
    try {
      await gate.startTransaction();
      await gate.query('SELECT pg_advisory_xact_lock($1)', [GATE]);
      const claim = t.get(ClaimService).claim('race-us');
      await waitFor(
        async () =>
          (
            await ds.query(
              `SELECT count(*)::int AS n FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event = 'advisory'`,
            )
          )[0].n === 1,
        10_000,
        'the pick waits at the gate',
      );
      // The revocation commits now, after the pick's snapshot: the consent is revoked and the covered
      // ticket row rewritten in the same transaction (its routing happens later, so the row still matches).
      await ds.transaction(async (m) => {
        await m.query(`UPDATE consents SET revoked_at = $2 WHERE ticket_id = $1`, [id, clock.now()]);
        await m.query(`UPDATE tickets SET revision = revision + 1 WHERE id = $1`, [id]);
      });
      await gate.commitTransaction();
      // The pick locked the new row version with consents of its older snapshot (still granted): they are
      // not used; read again, the consent is revoked, and the US agent may not have the ticket.
      expect(await claim).toBeNull();
    } finally {
      if (gate.isTransactionActive) await gate.rollbackTransaction();
      await gate.release();
      await ungate();
    }
    const after = await factsRead();
    expect((after.again ?? 0) - (before.again ?? 0)).toBe(1);
    const stored = await ticket(id);
    expect(stored.status).toBe('queued');
    expect(stored.assigneeId).toBeNull();
    expect(stored.allowedCountries).not.toContain('US');
  });

  it('claims a named ticket in five round trips too', async () => {
    const id = await eeaTicket('named');
    await seedAgent(t, { id: 'named-de', country: 'DE', skills: ['named'] });
    const { result, byConnection } = await statementsOf(() => t.get(ClaimService).claimTicket('named-de', id));
    expect(result.id).toBe(id);
    const claim = byConnection.find((texts) => texts.some((s) => s.includes('facts_fresh')))!;
    expect(claim.map(label)).toEqual(['START TRANSACTION', 'lock agent', 'lock + facts', 'assign + records', 'COMMIT']);
    expect(await ticket(id)).toMatchObject({ status: 'assigned', assigneeId: 'named-de' });
  });

  it('a named claim that waited for the row lock while a revocation rewrote the row reads the facts again: 404', async () => {
    const id = await eeaTicket('named-race');
    const token = await seedAgent(t, { id: 'named-us', country: 'US', skills: ['named-race'] });
    const granted = await t.request('POST', '/v1/consents', {
      token: manager,
      body: { ticketId: id, countries: ['US'], approvedBy: { name: 'Dana Customer', role: 'CISO' }, evidence: 'mail #4412' },
    });
    expect(granted.status).toBe(201);
    await waitFor(async () => (await ticket(id)).allowedCountries?.includes('US'), 10_000, 'consent routed');
    const before = await factsRead();

    // The revoking transaction holds the row (revoked, and the row rewritten) while the claim starts.
    const revoking = ds.createQueryRunner();
    try {
      await revoking.startTransaction();
      await revoking.query(`UPDATE consents SET revoked_at = $2 WHERE ticket_id = $1`, [id, clock.now()]);
      await revoking.query(`UPDATE tickets SET revision = revision + 1 WHERE id = $1`, [id]);
      const claim = t.request('POST', `/v1/tickets/${id}/claim`, { token });
      await waitFor(
        async () =>
          (
            await ds.query(
              `SELECT count(*)::int AS n FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'SELECT l.*%'`,
            )
          )[0].n === 1,
        10_000,
        'the claim waits for the row lock',
      );
      await revoking.commitTransaction();
      // The lock came with the new row version but the consents of the statement's older snapshot.
      expect((await claim).status).toBe(404);
    } finally {
      if (revoking.isTransactionActive) await revoking.rollbackTransaction();
      await revoking.release();
    }
    const after = await factsRead();
    expect((after.again ?? 0) - (before.again ?? 0)).toBe(1);
    expect(await ticket(id)).toMatchObject({ status: 'queued', assigneeId: null });
  });
});
