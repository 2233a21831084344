import type { Browser, Page } from 'playwright-core';
import { ManualClock } from '@eea/config';
import { TestApp, createTestApp, seedAgent, seedOrganization, seedTicket } from '@eea/testing';
import { ensureConsoleBuilt, launchBrowser, openConsole, screenshot, seriousA11yViolations } from './support/console-browser';
import { nextWeekendNoon } from './console-helpers';

/**
 * The support floor in a real browser against the real API (SPEC 8): an agent claims, reads why it
 * may work a ticket and resolves it; an escalation to the US waits for consent; the US expert sees
 * nothing until a manager grants it in the console, and loses the ticket live when it is revoked.
 * The app's clock is a weekend so that an EEA-only severity 3 ticket is deferred.
 */
describe('console: the support floor', () => {
  const clock = new ManualClock(nextWeekendNoon(new Date()));
  let t: TestApp;
  let browser: Browser;
  let tokens: { de: string; us: string; manager: string };

  beforeAll(async () => {
    ensureConsoleBuilt();
    [t, browser] = await Promise.all([
      createTestApp({ clock, env: { TICKET_URL_TEMPLATE: 'https://acme.zendesk.example.test/agent/tickets/{externalId}' } }),
      launchBrowser(),
    ]);
    await seedOrganization(t, 'acme', 'eea_only');
    tokens = {
      de: await seedAgent(t, { id: 'agent-de', country: 'DE', skills: ['floor'] }),
      us: await seedAgent(t, { id: 'agent-us', country: 'US', skills: ['floor'] }),
      manager: (await t.request('POST', '/v1/tokens', { body: { role: 'manager', name: 'floor lead' } })).body.token,
    };
    await seedTicket(t, { organizationId: 'acme', region: 'eu-west-1', severity: 1, skills: ['floor'], externalId: 'ZD-1001' });
    await seedTicket(t, {
      organizationId: 'acme',
      region: 'eu-central-1',
      severity: 1,
      skills: ['floor'],
      externalId: 'ZD-1002',
    });
    await seedTicket(t, { organizationId: 'acme', region: 'eu-north-1', severity: 3, skills: ['floor'], externalId: 'ZD-1003' });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function check(page: Page, name: string) {
    await screenshot(page, name);
    expect(await seriousA11yViolations(page)).toEqual([]);
  }
  const ticketCard = (page: Page, externalId: string) => page.getByRole('article', { name: `Ticket ${externalId}` });

  it('an agent signs in, claims, reads why it may work the ticket, and resolves it', async () => {
    const { context, page } = await openConsole(browser, t.baseUrl);
    await check(page, 'sign-in');
    await page.getByLabel('Access token').fill('not-a-valid-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'not valid' }).waitFor();
    // Keyboard only: the field keeps focus order, Enter submits.
    await page.getByLabel('Access token').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(tokens.de);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'My queue' }).waitFor();
    expect(
      await page.evaluate(() => JSON.stringify({ ...(globalThis as unknown as { localStorage: object }).localStorage })),
    ).toBe('{}');
    await ticketCard(page, 'ZD-1001').waitFor();
    await check(page, 'agent-queue');

    await page.getByRole('button', { name: 'Claim next ticket' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /You now hold ticket ZD-100[12]/ })
      .waitFor();
    const held = page.getByRole('region', { name: /Your tickets/ });
    await held.getByRole('button', { name: 'Resolve' }).waitFor();
    const heldId = (await held.getByRole('link').first().textContent())!;
    await expect(held.getByRole('link', { name: 'Open in the ticketing system' }).getAttribute('href')).resolves.toBe(
      `https://acme.zendesk.example.test/agent/tickets/${heldId}`,
    );

    await held.getByRole('link', { name: heldId }).click();
    await page.getByRole('heading', { name: 'Why you can work this ticket' }).waitFor();
    await page.getByText('You work from DE').waitFor();
    await page.getByRole('listitem').filter({ hasText: 'Where the data is' }).waitFor();
    await check(page, 'agent-ticket-detail');
    await page.goBack();

    await held.getByRole('button', { name: 'Resolve' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Ticket ${heldId} is resolved.` })
      .waitFor();
    await context.close();
  });

  it('a US agent sees nothing until a manager grants consent, and loses the ticket live on revocation', async () => {
    const de = await openConsole(browser, t.baseUrl, tokens.de);
    const us = await openConsole(browser, t.baseUrl, tokens.us);
    await us.page.getByText('No ticket you may work is waiting.').waitFor();
    await us.page.getByText('You hold no ticket.').waitFor();

    // The DE agent escalates its ticket to the US: the consent-required flow shows as pending.
    await de.page.getByRole('button', { name: 'Claim next ticket' }).click();
    const held = ticketCard(de.page, await remainingTicket(de.page));
    await held.getByRole('button', { name: 'Escalate' }).click();
    await held.getByLabel('Country').fill('US');
    await held.getByLabel('Reason').fill('needs the US storage team');
    await held.getByRole('button', { name: 'Request escalation' }).click();
    await held.getByText(/Escalation to US pending/).waitFor();
    await check(de.page, 'agent-escalation-pending');

    const manager = await openConsole(browser, t.baseUrl, tokens.manager);
    const requests = manager.page.getByRole('region', { name: 'Consent requests' });
    await requests.getByRole('button', { name: 'Grant consent' }).click();
    await requests.getByLabel('Approved by').fill('Dana Customer');
    await requests.getByLabel('Role').fill('CISO');
    await requests.getByLabel('Evidence').fill('call reference 4411');
    await expect(requests.getByLabel('Expires').inputValue()).resolves.toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d$/);
    await check(manager.page, 'manager-grant-consent');
    await requests.getByRole('button', { name: 'Grant consent' }).click();
    await manager.page.getByText(/Consent recorded/).waitFor();

    // Live: the US agent's open page shows the ticket without a reload; the DE agent's no longer holds it.
    await ticketCard(us.page, 'ZD-1002').or(ticketCard(us.page, 'ZD-1001')).first().waitFor({ timeout: 20_000 });
    await us.page.getByRole('button', { name: 'Claim next ticket' }).click();
    const usHeld = us.page.getByRole('region', { name: /Your tickets/ });
    await usHeld.getByRole('button', { name: 'Release' }).waitFor();
    await check(us.page, 'agent-us-after-consent');
    await de.page.getByText(/left your queue: the escalation to US went through/).waitFor({ timeout: 20_000 });
    await de.page.getByText('You hold no ticket.').waitFor();

    const consents = manager.page.getByRole('region', { name: 'Active consents' });
    await consents.getByText('Dana Customer').waitFor();
    await check(manager.page, 'manager-consents');
    await consents.getByRole('button', { name: 'Revoke' }).click();
    await consents.getByText(/Consent revoked/).waitFor();
    await usHeld.getByRole('button', { name: 'Release' }).waitFor({ state: 'detached', timeout: 20_000 });
    await us.page.getByText('You hold no ticket.').waitFor();
    await Promise.all([de.context.close(), us.context.close(), manager.context.close()]);
  });

  it('shows a manager deferred tickets with when they open, and the queues and agents', async () => {
    // Needs a skill nobody has: it waits, and the queue says how many agents could take such tickets now.
    await seedTicket(t, {
      organizationId: 'acme',
      region: 'eu-west-3',
      severity: 1,
      skills: ['mainframe'],
      externalId: 'ZD-1004',
    });
    const { context, page } = await openConsole(browser, t.baseUrl, tokens.manager);
    const queues = page.getByRole('region', { name: 'Queues' });
    const pool = queues.getByRole('row', { name: /^30 countries/ });
    await pool.waitFor();
    const [waiting, , eligible] = await pool.getByRole('cell').allTextContents();
    // ZD-1004, and ZD-1002 back with EEA agents after the revocation; the DE agent is free, the US one not in the set.
    expect([waiting, eligible]).toEqual(['2', '1']);
    const deferred = page.getByRole('region', { name: 'Deferred tickets' });
    await deferred.getByText(/ZD-1003/).waitFor();
    await deferred.getByText(/opens in .* Brussels time/).waitFor();
    for (const heading of ['Consent requests', 'Active consents', 'Stranded tickets', 'Deferred tickets', 'Queues', 'Agents']) {
      await page.getByRole('heading', { name: heading, exact: true }).waitFor();
    }
    await check(page, 'manager-floor');
    await page.getByRole('link', { name: 'ZD-1003' }).click();
    await page.getByRole('heading', { name: 'Decisions' }).waitFor();
    await page
      .getByText(/outside EEA-only support severity 3 hours/i)
      .first()
      .waitFor();
    await page
      .getByRole('region', { name: 'Activity' })
      .getByText(/routed: deferred after ticket received/)
      .waitFor();
    await check(page, 'manager-ticket-decisions');
    await context.close();
  });
});

/** The agent's one held ticket's external id. */
async function remainingTicket(page: Page): Promise<string> {
  const held = page.getByRole('region', { name: /Your tickets/ });
  await held.getByRole('button', { name: 'Escalate' }).waitFor();
  return (await held.getByRole('link').first().textContent())!;
}
