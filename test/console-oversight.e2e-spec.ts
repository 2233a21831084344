import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { TestApp, createTestApp, seedAgent, seedOrganization, seedTicket, waitFor } from '@eea/testing';
import { ensureConsoleBuilt, launchBrowser, openConsole, screenshot, seriousA11yViolations } from './support/console-browser';

/**
 * Oversight in a real browser (SPEC 8, 9): auditors check the audit chain and download transfers,
 * administrators manage tokens and try the policy, customers approve or deny from their link, and
 * no role sees another role's controls.
 */
describe('console: audit, administration, customer approval', () => {
  let t: TestApp;
  let browser: Browser;
  const tokens: Record<'agent' | 'manager' | 'auditor' | 'admin', string> = { agent: '', manager: '', auditor: '', admin: '' };
  let transferTicket: string;

  beforeAll(async () => {
    ensureConsoleBuilt();
    [t, browser] = await Promise.all([createTestApp({ env: { PUBLIC_URL: 'https://support.example.test' } }), launchBrowser()]);
    await seedOrganization(t, 'acme', 'eea_only');
    tokens.agent = await seedAgent(t, { id: 'agent-de', country: 'DE', skills: ['audit'] });
    const us = await seedAgent(t, { id: 'agent-us', country: 'US', skills: ['audit'] });
    for (const role of ['manager', 'auditor', 'admin'] as const) {
      tokens[role] = (await t.request('POST', '/v1/tokens', { body: { role, name: `${role} of the test` } })).body.token;
    }
    // A transfer for the auditor: a US agent works an EEA ticket under a consent.
    transferTicket = await seedTicket(t, {
      organizationId: 'acme',
      region: 'eu-west-1',
      severity: 1,
      skills: ['audit'],
      externalId: 'ZD-2001',
    });
    const consent = await t.request('POST', '/v1/consents', {
      token: tokens.manager,
      body: {
        ticketId: transferTicket,
        countries: ['US'],
        approvedBy: { name: 'Dana Customer' },
        evidence: 'mail 17',
      },
    });
    expect(consent.status).toBe(201);
    // Re-routing after the grant runs on the worker: claim once the ticket lets US agents in.
    await waitFor(
      async () => (await t.request('POST', '/v1/me/claims', { token: us })).body?.id === transferTicket,
      20_000,
      'US claim',
    );
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function check(page: Page, name: string) {
    await screenshot(page, name);
    expect(await seriousA11yViolations(page)).toEqual([]);
  }

  it('an auditor sees the chain intact, filters by time and downloads the transfers CSV', async () => {
    const { context, page } = await openConsole(browser, t.baseUrl, tokens.auditor);
    await page.getByText('Chain intact').waitFor();
    const transfers = page.getByRole('region', { name: 'Transfers' });
    await transfers.getByRole('cell', { name: 'agent-us' }).first().waitFor();
    await check(page, 'auditor');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      transfers.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\n')[0]).toContain('ticketId');
    expect(csv).toContain(transferTicket);
    expect(csv).toContain('agent-us');

    await transfers.getByLabel('From').fill('2099-01-01T00:00');
    await transfers.getByLabel('To').fill('2099-01-02T00:00');
    await transfers.getByRole('button', { name: 'Apply' }).click();
    await transfers.getByText('No transfer in this window.').waitFor();
    await context.close();
  });

  it('an administrator creates a token shown once with a copy button, and simulates the policy', async () => {
    const { context, page } = await openConsole(browser, t.baseUrl, tokens.admin);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('region', { name: 'Organisations' }).getByRole('cell', { name: 'acme', exact: true }).waitFor();
    const tokensRegion = page.getByRole('region', { name: 'Tokens' });
    await tokensRegion.getByLabel('Token name').fill('night shift lead');
    await tokensRegion.getByLabel('Role', { exact: true }).selectOption('manager');
    await tokensRegion.getByRole('button', { name: 'Create token' }).click();
    const shown = tokensRegion.getByLabel('New token (shown once)');
    await expect(shown.inputValue()).resolves.toMatch(/^eea_/);
    await tokensRegion.getByRole('button', { name: 'Copy token' }).click();
    await tokensRegion.getByText('Copied.').waitFor();
    expect(
      await page.evaluate(() =>
        (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText(),
      ),
    ).toBe(await shown.inputValue());

    const policy = page.getByRole('region', { name: 'Policy' });
    await policy.getByRole('button', { name: 'Simulate' }).click();
    await policy.getByText(/Where the data is/).waitFor();
    await policy.getByText(/agent-3-US: not eligible/).waitFor();
    await check(page, 'admin');
    await page.reload();
    await expect(page.getByLabel('New token (shown once)').count()).resolves.toBe(0);
    await context.close();
  });

  it('a customer approves from the link the manager sent, and another customer denies', async () => {
    const manager = await openConsole(browser, t.baseUrl, tokens.manager);
    const requests = manager.page.getByRole('region', { name: 'Consent requests' });
    for (const id of ['ZD-2002', 'ZD-2003']) {
      const ticketId = await seedTicket(t, {
        organizationId: 'acme',
        region: 'eu-central-1',
        severity: 1,
        skills: ['audit'],
        externalId: id,
      });
      expect((await t.request('POST', `/v1/tickets/${ticketId}/claim`, { token: tokens.agent })).status).toBe(200);
      const esc = await t.request('POST', `/v1/tickets/${ticketId}/escalations`, {
        token: tokens.agent,
        body: { country: 'US', reason: 'storage expert' },
      });
      expect(esc.body.error.code).toBe('consent_required');
    }
    const links: string[] = [];
    for (const id of ['ZD-2002', 'ZD-2003']) {
      const item = requests.getByRole('listitem', { name: `Consent request for ticket ${id}` });
      await item.getByRole('button', { name: 'Send approval link' }).click();
      links.push((await item.getByRole('link', { name: /approve/ }).getAttribute('href'))!);
    }
    await check(manager.page, 'manager-approval-link');
    expect(links[0]).toMatch(/^https:\/\/support\.example\.test\/approve\//);

    // The agent asks again from the console (the same pending request answers) and follows it there.
    const agent = await openConsole(browser, t.baseUrl, tokens.agent);
    const held = agent.page.getByRole('article', { name: 'Ticket ZD-2003' });
    await held.getByRole('button', { name: 'Escalate' }).click();
    await held.getByLabel('Country').fill('US');
    await held.getByLabel('Reason').fill('storage expert');
    await held.getByRole('button', { name: 'Request escalation' }).click();
    await held.getByText(/Escalation to US pending/).waitFor();

    const customer = await browser.newContext({ viewport: { width: 1280, height: 800 }, baseURL: t.baseUrl });
    const page = await customer.newPage();
    await page.goto(new URL(links[0]).pathname);
    await page.getByText(/ZD-2002/).waitFor();
    await check(page, 'approve-page');
    await page.getByLabel('Your name').fill('Dana Customer');
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByText('Thank you: access is granted now.').waitFor();
    await page.getByText('You approved this access.').waitFor();

    await page.goto(new URL(links[1]).pathname);
    await page.getByText(/ZD-2003/).waitFor();
    await page.getByRole('button', { name: 'Deny' }).click();
    await page.getByText('You refused this access.').waitFor();
    // The agent who asked learns it on the open page, and keeps the ticket.
    await held.getByText(/The customer declined the escalation to US/).waitFor({ timeout: 20_000 });
    await held.getByRole('button', { name: 'Release' }).waitFor();
    await check(agent.page, 'agent-escalation-declined');
    await page.goto('/approve/not-a-real-link');
    await page.getByText('This link is unknown or has expired.').waitFor();

    await manager.page
      .getByRole('region', { name: 'Active consents' })
      .getByText(/Dana Customer/)
      .nth(1)
      .waitFor();
    await Promise.all([customer.close(), manager.context.close(), agent.context.close()]);
  });

  it("never shows a role another role's controls", async () => {
    const controls = {
      agent: [
        ['heading', 'My queue'],
        ['button', 'Claim next ticket'],
      ],
      manager: [
        ['heading', 'Consent requests'],
        ['heading', 'Active consents'],
        ['heading', 'Stranded tickets'],
        ['heading', 'Queues'],
      ],
      auditor: [
        ['heading', 'Audit log'],
        ['heading', 'Transfers'],
        ['button', 'Download CSV'],
      ],
      admin: [
        ['heading', 'Organisations'],
        ['heading', 'Tokens'],
        ['heading', 'Policy'],
        ['button', 'Create token'],
      ],
    } as const;
    for (const role of Object.keys(controls) as Array<keyof typeof controls>) {
      const { context, page } = await openConsole(browser, t.baseUrl, tokens[role]);
      for (const [kind, name] of controls[role]) await page.getByRole(kind, { name, exact: true }).waitFor();
      await page.waitForLoadState('networkidle');
      for (const other of Object.keys(controls) as Array<keyof typeof controls>) {
        if (other === role) continue;
        for (const [kind, name] of controls[other])
          expect(`${role}: ${kind} ${name} x${await page.getByRole(kind, { name, exact: true }).count()}`).toBe(
            `${role}: ${kind} ${name} x0`,
          );
      }
      if (role === 'agent') await check(page, 'agent-role');
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByLabel('Access token').waitFor();
      await context.close();
    }
  });
});
