import { sleep } from '../support/service';
import { describeCountries as describe } from './cast';
import { bold, dim, green, heading, red, say } from './output';
import type { World } from './story';

/**
 * Greta (DE) holds Nordbank's sev 1 ticket and needs the US expert. EEA-only data may not go to the
 * US without the customer's consent: the escalation asks for it, a manager records it, Sam claims,
 * and when the consent is revoked Sam loses the ticket at once.
 */
export async function consentStory(w: World): Promise<void> {
  const t2 = w.ids.T2;
  const greta = w.tokens['demo-greta'];
  const sam = w.tokens['demo-sam'];
  const held = (await w.admin.expect([200], 'GET', `/v1/tickets/${t2}`)).body;
  if (held.assigneeId !== 'demo-greta') {
    say(red(`T2 is held by ${held.assigneeId ?? 'nobody'}, not Greta; skipping the consent story.`));
    return;
  }

  heading('Greta escalates T2 to the US expert (POST /v1/tickets/:id/escalations)');
  const first = await greta.expect([202, 409], 'POST', `/v1/tickets/${t2}/escalations`, {
    country: 'US',
    reason: 'needs the telephony expert on call',
  });
  if (first.status === 202) {
    say(red('202: escalated without consent; this policy should have required one.'));
    return;
  }
  const requestId = first.body.error.details?.[0]?.consentRequestId;
  say(`${first.status} ${bold(first.body.error.code)}: Nordbank is EEA-only, so US access needs the customer's consent.`);
  say(`A consent request ${dim(requestId ?? '?')} now waits for a manager; Greta keeps the ticket meanwhile.`);
  const peek = await sam.request('GET', `/v1/tickets/${t2}`);
  say(`Sam tries to open T2: ${peek.status} ${peek.status === 404 ? '(he cannot even see it)' : ''}`);

  heading("A support manager records Nordbank's consent (POST /v1/consents)");
  const manager = w.admin.as(
    (await w.admin.expect([201], 'POST', '/v1/tokens', { role: 'manager', name: 'Demo floor manager' })).body.token,
  );
  const pending = await manager.expect([200], 'GET', '/v1/consent-requests?status=pending');
  say(`pending consent requests: ${(pending.body.items ?? pending.body).length}`);
  const consent = (
    await manager.expect([201], 'POST', '/v1/consents', {
      ticketId: t2,
      countries: ['US'],
      consentRequestId: requestId,
      approvedBy: { name: 'Lena Berg', role: 'Head of IT, Nordbank' },
      evidence: 'Call with the customer, confirmed by email: US expert may work this ticket for 7 days',
    })
  ).body;
  say(
    `consent ${dim(consent.id)} for ${consent.countries.join(', ')}, approved by ${consent.approvedBy?.name ?? 'Lena Berg'}, expires ${consent.expiresAt}`,
  );
  const sim = (
    await w.admin.expect([200], 'POST', '/v1/policy/simulate', {
      at: new Date().toISOString(),
      ticket: { region: 'eu-central-1', severity: 1, organizationId: 'demo-nordbank' },
      agents: [{ id: 'sam', country: 'US' }],
      consents: [{ countries: ['US'], expiresAt: consent.expiresAt }],
    })
  ).body;
  say(
    `simulate with this consent: Sam ${sim.agents[0].eligible ? green('eligible') : red('not eligible')} (${sim.agents[0].reasons.join(', ') || 'no reasons'})`,
  );

  let ticket = await settle(w, t2);
  if (ticket.assigneeId === 'demo-greta') {
    const again = await greta.expect([202], 'POST', `/v1/tickets/${t2}/escalations`, {
      country: 'US',
      reason: 'consent granted',
    });
    say(`Greta escalates again: ${again.status}, the ticket leaves her and is queued for US agents only`);
    ticket = await settle(w, t2);
  }
  say(
    `T2 is now ${bold(ticket.status)}${ticket.allowedCountries ? ` for ${[].concat(ticket.allowedCountries).join(', ')}` : ''}`,
  );

  heading('Sam claims');
  const claim = await sam.expect([200, 204], 'POST', '/v1/me/claims');
  say(
    claim.status === 200 && claim.body.id === t2
      ? `Sam got ${bold('T2')}: the access is logged as a transfer under consent ${dim(consent.id.slice(0, 8))}`
      : red(`Sam's claim answered ${claim.status}`),
  );

  heading('Nordbank withdraws its consent (DELETE /v1/consents/:id)');
  const revoked = await manager.expect([200], 'DELETE', `/v1/consents/${consent.id}`);
  say(`revoked at ${revoked.body.revokedAt}`);
  ticket = await settle(w, t2, (t) => t.assigneeId !== 'demo-sam');
  say(
    `T2 is ${bold(ticket.status)}, assignee ${ticket.assigneeId ?? 'none'}: taken back from Sam at once` +
      (Array.isArray(ticket.allowedCountries) ? `, back to ${describe(ticket.allowedCountries, w.sets)}` : ''),
  );
  const gone = await sam.request('GET', `/v1/tickets/${t2}`);
  say(`Sam opens T2 again: ${gone.status}${gone.status === 404 ? ' (no longer visible to him)' : ''}`);
  const queue = (await sam.expect([200], 'GET', '/v1/me/queue')).body;
  say(`Sam's queue: ${queue.assigned.length} assigned, ${queue.available.length} available`);
}

/** The ticket once routing has caught up with the last change (or after 5 s). */
async function settle(w: World, id: string, done: (t: any) => boolean = (t) => t.status !== 'received'): Promise<any> {
  let t: any;
  for (let i = 0; i < 50; i++) {
    t = (await w.admin.expect([200], 'GET', `/v1/tickets/${id}`)).body;
    if (done(t) && t.status !== 'received') return t;
    await sleep(100);
  }
  return t;
}
