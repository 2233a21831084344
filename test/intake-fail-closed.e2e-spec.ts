import { DataSource } from 'typeorm';
import { TestApp, WEBHOOK_SECRETS, createTestApp, genericHeaders } from '@eea/testing';

/** Between storage and routing a ticket permits nobody (SPEC 2.1: fail closed). */
describe('a stored, not yet routed ticket', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ worker: false });
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows no allowed country on either intake path until the router has decided', async () => {
    const send = async (deliveryId: string, event: string, severity: number) => {
      const body = JSON.stringify({
        deliveryId,
        event,
        ticket: {
          externalId: 'FC-1',
          organizationId: 'nobody-yet',
          region: 'eu-west-1',
          severity,
          updatedAt: new Date(Date.now() + severity).toISOString(),
        },
      });
      const res = await t.request('POST', '/v1/webhooks/generic', {
        token: '',
        raw: body,
        headers: genericHeaders(WEBHOOK_SECRETS.generic, body),
      });
      expect(res.status).toBe(202);
      return res.body.ticketId as string;
    };
    const id = await send('fc-1', 'ticket.created', 2);
    const stored = await t.request('GET', `/v1/tickets/${id}`);
    expect(stored.body).toMatchObject({ status: 'received', allowedCountries: [] });
    // The careful path (an update of an existing ticket) keeps it closed too.
    expect(await send('fc-2', 'ticket.updated', 3)).toBe(id);
    const [row] = await t.get(DataSource).query('SELECT allowed_countries, allowed_key FROM tickets WHERE id = $1', [id]);
    expect(row).toEqual({ allowed_countries: [], allowed_key: '' });
  });
});
