import { Client } from 'pg';
import { sleep } from '../support/service';
import type { Claimers } from './claimers';
import type { TicketFlow } from './flow';

export interface Verdict {
  ok: boolean;
  lines: string[];
}

/**
 * After a drill: every acknowledged ticket is stored once and routed (left `received`), the outbox
 * is empty, nothing is stuck, and no ticket was handed to two agents.
 */
export async function verify(
  db: Client,
  tag: string,
  flow: TicketFlow,
  claimers: Claimers,
  deadlineMs = 90_000,
): Promise<Verdict> {
  const started = Date.now();
  const ackedIds = [...flow.acked.values()];
  let unrouted = ackedIds.length;
  let outbox = 0;
  while (Date.now() - started < deadlineMs) {
    unrouted = (
      await db.query(`SELECT count(*)::int AS n FROM tickets WHERE id = ANY($1::uuid[]) AND status = 'received'`, [ackedIds])
    ).rows[0].n;
    outbox = (
      await db.query(
        `SELECT count(*)::int AS n FROM outbox o JOIN tickets t ON t.id::text = o.payload->>'ticketId'
      WHERE t.external_id LIKE $1`,
        [`${tag}-%`],
      )
    ).rows[0].n;
    if (unrouted === 0 && outbox === 0) break;
    await sleep(250);
  }
  const settleSeconds = Math.round((Date.now() - started) / 100) / 10;
  const one = async (sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows[0].n as number;
  const stored = await one(`SELECT count(*)::int AS n FROM tickets WHERE id = ANY($1::uuid[])`, [ackedIds]);
  const perExternal = await one(
    `SELECT count(*)::int AS n FROM (SELECT external_id FROM tickets WHERE external_id LIKE $1
    GROUP BY source, external_id HAVING count(*) > 1) d`,
    [`${tag}-%`],
  );
  const stuck = await one(
    `SELECT count(*)::int AS n FROM tickets WHERE status = 'received' AND external_id LIKE $1
    AND updated_at < now() - interval '30 seconds'`,
    [`${tag}-%`],
  );
  const stuckAnywhere = await one(
    `SELECT count(*)::int AS n FROM tickets WHERE status = 'received' AND updated_at < now() - interval '30 seconds'`,
  );
  const outboxAnywhere = await one('SELECT count(*)::int AS n FROM outbox');
  const reRouted = await one(
    `SELECT count(*)::int AS n FROM (SELECT ticket_id FROM decisions d JOIN tickets t ON t.id = d.ticket_id
    WHERE t.external_id LIKE $1 GROUP BY ticket_id HAVING count(*) > 1) r`,
    [`${tag}-%`],
  );
  const claimedInDb = await one(`SELECT count(*)::int AS n FROM (SELECT ticket_id FROM ticket_accesses WHERE action = 'claim'
    GROUP BY ticket_id HAVING count(*) > 1) c`);
  const answers = new Map<string, number>();
  for (const c of claimers.claimed) answers.set(c.ticketId, (answers.get(c.ticketId) ?? 0) + 1);
  const claimedTwice = [...answers.values()].filter((n) => n > 1).length;

  const checks: [boolean, string][] = [
    [stored === ackedIds.length, `${stored}/${ackedIds.length} acknowledged tickets stored (ticket ids as acknowledged)`],
    [
      unrouted === 0,
      `${ackedIds.length - unrouted}/${ackedIds.length} acknowledged tickets routed (left 'received') within ${settleSeconds}s`,
    ],
    [perExternal === 0, `${perExternal} externalIds with more than one ticket`],
    [outbox === 0, `no outbox rows left for this drill's tickets (${outbox})`],
    [stuck === 0, `${stuck} tickets stuck in 'received' for more than 30s`],
    [
      claimedTwice === 0 && claimedInDb === 0,
      `${claims(claimers)} claims by ${new Set(claimers.claimed.map((c) => c.agentId)).size} agents; tickets claimed twice: ${claimedTwice} in answers, ${claimedInDb} in ticket_accesses`,
    ],
  ];
  const lines = checks.map(([ok, text]) => `${ok ? 'ok  ' : 'FAIL'}  ${text}`);
  lines.push(`info  whole database: ${outboxAnywhere} outbox rows, ${stuckAnywhere} tickets in 'received' for more than 30s`);
  lines.push(`info  ${reRouted} tickets routed more than once (the router is idempotent: same outcome, extra decision row)`);
  return { ok: checks.every(([ok]) => ok), lines };
}

function claims(c: Claimers): number {
  return c.claimed.length;
}
