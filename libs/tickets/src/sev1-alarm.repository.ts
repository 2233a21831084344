import { Db, run, sql } from '@eea/database';

const RAISE = sql<{ id: string; external_id: string; source: string }>(
  'tickets.raise_sev1_alarms',
  `
  UPDATE tickets SET alarm_raised_at = $1, flags = array_append(flags, 'sev1_unclaimed')
   WHERE status = 'queued' AND severity = 1 AND alarm_raised_at IS NULL AND waiting_since <= $2
  RETURNING id, external_id, source`,
);

/**
 * Flags (`sev1_unclaimed`, once) every queued severity 1 ticket waiting since `waitingSince` or earlier,
 * at `at`. Only a flag: who may take the ticket is unchanged. Returns what it flagged.
 */
export async function raiseSev1Alarms(
  db: Db,
  p: { at: Date; waitingSince: Date },
): Promise<Array<{ id: string; externalId: string; source: string }>> {
  const rows = await run(db, RAISE, [p.at, p.waitingSince]);
  return rows.map((r) => ({ id: r.id, externalId: r.external_id, source: r.source }));
}
