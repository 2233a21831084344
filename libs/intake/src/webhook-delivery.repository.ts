import { Db, run, runOne, sql } from '@eea/database';

const CLAIM = sql<{ delivery_id: string }>(
  'webhook_deliveries.claim',
  `
  INSERT INTO webhook_deliveries (source, delivery_id, ticket_id, status, replay_key) VALUES ($1, $2, gen_random_uuid(), 'received', $3)
    ON CONFLICT DO NOTHING RETURNING delivery_id`,
);

/**
 * Records the delivery as being handled; false when it (or the same signed message under another id)
 * is known. A concurrent duplicate blocks on the claim until the first commits.
 */
export async function claimDelivery(db: Db, source: string, deliveryId: string, replayKey: string | null): Promise<boolean> {
  return (await run(db, CLAIM, [source, deliveryId, replayKey])).length > 0;
}

const FIRST_ANSWER = sql<{ ticket_id: string; status: string }>(
  'webhook_deliveries.first_answer',
  `
  SELECT ticket_id, status FROM webhook_deliveries WHERE source = $1 AND (delivery_id = $2 OR replay_key = $3)
   ORDER BY delivery_id = $2 DESC LIMIT 1`,
);

/** The answer given to the delivery (by id first, else to the same signed message under another id). */
export async function firstAnswer(
  db: Db,
  source: string,
  deliveryId: string,
  replayKey: string | null,
): Promise<{ ticketId: string; status: string }> {
  const row = await runOne(db, FIRST_ANSWER, [source, deliveryId, replayKey]);
  if (!row) throw new Error('claimed delivery not found');
  return { ticketId: row.ticket_id, status: row.status };
}

const RECORD_ANSWER = sql(
  'webhook_deliveries.record_answer',
  `UPDATE webhook_deliveries SET ticket_id = $3, status = $4 WHERE source = $1 AND delivery_id = $2`,
);

/** The answer a repeat of this delivery gets. */
export async function recordAnswer(
  db: Db,
  delivery: { source: string; deliveryId: string },
  answer: { ticketId: string; status: string },
): Promise<void> {
  await run(db, RECORD_ANSWER, [delivery.source, delivery.deliveryId, answer.ticketId, answer.status]);
}
