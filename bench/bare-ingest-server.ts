/**
 * The ingest baseline: a bare Fastify server with one route that does the single-row INSERT a
 * webhook ends in, into a scratch table of the tickets table's shape, in the same PostgreSQL.
 * Run as a child of the bench: node dist/bench/bare-ingest-server.js <port> <databaseUrl> <poolSize>
 */
import Fastify from 'fastify';
import { Pool } from 'pg';

const [port, databaseUrl, poolSize] = process.argv.slice(2);
const pool = new Pool({ connectionString: databaseUrl, max: Number(poolSize || 20) });
const app = Fastify({ logger: false, bodyLimit: 256 * 1024 });

interface Body {
  deliveryId: string;
  ticket: { externalId: string; organizationId: string; region: string | null; severity: number; updatedAt: string };
}

app.post('/v1/webhooks/:source', async (req, reply) => {
  const { ticket } = req.body as Body;
  const { rows } = await pool.query(
    `INSERT INTO bench_bare_tickets (source, external_id, organization_id, region, jurisdiction, tier, severity, status, source_updated_at)
     VALUES ($1, $2, $3, $4, 'UNKNOWN', 'eea_only', $5, 'received', $6) RETURNING id`,
    [
      (req.params as { source: string }).source,
      ticket.externalId,
      ticket.organizationId,
      ticket.region,
      ticket.severity,
      ticket.updatedAt,
    ],
  );
  return reply.status(202).send({ ticketId: rows[0].id, status: 'received', duplicate: false });
});
app.get('/health/ready', async () => ({ status: 'ok' }));

app.listen({ port: Number(port), host: '127.0.0.1' }).catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});
process.on(
  'SIGTERM',
  () =>
    void app
      .close()
      .then(() => pool.end())
      .then(() => process.exit(0)),
);
