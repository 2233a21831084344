import { ApiClient, setUpAgent } from '../support/http';
import { sleep } from '../support/service';
import { deliver, ticketCreated } from '../support/webhook';
import { AGENTS, ORGS, TICKETS, brussels, describeCountries, nextSaturday } from './cast';
import { bold, dim, heading, red, say, table, yellow, yes } from './output';
import { consentStory } from './consent-story';

export interface Stage {
  admin: ApiClient;
  secret: string;
  run: string;
}
export interface World extends Stage {
  sets: Record<string, string[]>;
  tokens: Record<string, ApiClient>;
  ids: Record<string, string>;
}

const agentName = (id: string) => AGENTS.find((a) => a.id === id)?.name ?? id;

export async function story(stage: Stage): Promise<void> {
  const { admin } = stage;
  const policy = (await admin.expect([200], 'GET', '/v1/policy')).body;
  const sets = policy.countrySets as Record<string, string[]>;
  say(
    `policy version ${dim(policy.policyVersion.slice(0, 12))}: EEA ${sets.EEA.length} countries, adequacy ${sets.ADEQUATE.length}, offshore ${sets.OFFSHORE.join(', ')}`,
  );

  heading('Two customers, two support tiers');
  for (const o of ORGS) await admin.expect([200], 'PUT', `/v1/organizations/${o.id}`, { name: o.name, supportTier: o.tier });
  table(
    ['customer', 'tier', 'its EEA tickets may be worked from'],
    ORGS.map((o) => [o.name, o.tier, describeCountries(policy.tiers[o.tier].allowedCountries, sets)]),
  );

  heading('Five agents in five countries');
  const tokens: Record<string, ApiClient> = {};
  for (const a of AGENTS) tokens[a.id] = admin.as(await setUpAgent(admin, { id: a.id, name: a.name, country: a.country }));
  table(
    ['agent', 'country', 'works from'],
    AGENTS.map((a) => [a.name, a.country, a.where]),
  );

  heading('Tickets arrive as signed webhooks (POST /v1/webhooks/generic)');
  const ids: Record<string, string> = {};
  const rows: string[][] = [];
  for (const t of TICKETS) {
    const body = ticketCreated({
      externalId: `${stage.run}-${t.key}`,
      organizationId: t.org,
      region: t.region,
      severity: t.severity,
      subject: t.what,
    });
    const res = await deliver(admin.baseUrl, stage.secret, body);
    if (res.status !== 202) throw new Error(`webhook for ${t.key} answered ${res.status}: ${JSON.stringify(res.body)}`);
    ids[t.key] = res.body!.ticketId!;
    rows.push([
      t.key,
      ORGS.find((o) => o.id === t.org)!.name,
      t.region,
      `sev ${t.severity}`,
      t.what,
      `${res.status} ${res.body!.status}`,
    ]);
  }
  table(['ticket', 'customer', 'AWS region', 'severity', 'problem', 'answer'], rows);
  say(dim('202 means stored in PostgreSQL; routing happens a moment later in the worker.'));
  const world: World = { ...stage, sets, tokens, ids };

  heading('How the router decided');
  const routed: Record<string, any> = {};
  for (const t of TICKETS) routed[t.key] = await waitRouted(admin, ids[t.key]);
  table(
    ['ticket', 'jurisdiction', 'status', 'may be worked from'],
    TICKETS.map((t) => {
      const r = routed[t.key];
      return [
        t.key,
        `${r.jurisdiction} (${r.regionCountry ?? '?'})`,
        r.status === 'deferred' ? yellow(r.status) : r.status,
        describeCountries(r.allowedCountries, sets),
      ];
    }),
  );
  await explainDeferral(world, routed.T3);

  heading('Who may work what, and why (POST /v1/policy/simulate)');
  await eligibilityMatrix(world);

  heading('Agents claim their next ticket (POST /v1/me/claims)');
  for (const id of ['demo-greta', 'demo-priya', 'demo-aoife', 'demo-sam', 'demo-jose']) {
    const res = await tokens[id].expect([200, 204], 'POST', '/v1/me/claims');
    const key = res.status === 200 ? TICKETS.find((t) => ids[t.key] === res.body.id)?.key : null;
    say(
      `${agentName(id).padEnd(6)} ${res.status === 200 ? `got ${bold(key ?? res.body.id)}` : dim('204: nothing this agent may work right now')}`,
    );
  }

  await consentStory(world);
}

async function waitRouted(admin: ApiClient, id: string): Promise<any> {
  for (let i = 0; i < 100; i++) {
    const t = (await admin.expect([200], 'GET', `/v1/tickets/${id}`)).body;
    if (t.status !== 'received') return t;
    await sleep(100);
  }
  throw new Error(`ticket ${id} was not routed within 10s (is the worker running?)`);
}

async function explainDeferral(world: World, t3: any): Promise<void> {
  if (t3.status === 'deferred') {
    say(
      `T3 is EEA-only severity 3 and arrived outside 09:00-18:00 Mon-Fri Brussels: deferred until ${bold(brussels(t3.deferredUntil))}.`,
    );
    return;
  }
  const at = nextSaturday();
  const sim = (
    await world.admin.expect([200], 'POST', '/v1/policy/simulate', {
      at: at.toISOString(),
      ticket: { region: 'eu-central-1', severity: 3, organizationId: 'demo-nordbank' },
      agents: [],
    })
  ).body;
  say(`It is business hours in Brussels now, so T3 is claimable. Had it arrived on ${brussels(at.toISOString())},`);
  say(
    `it would be ${yellow(sim.routable ? 'routable' : 'deferred')} until ${bold(sim.deferredUntil ? brussels(sim.deferredUntil) : '-')} (simulated).`,
  );
}

async function eligibilityMatrix(world: World): Promise<void> {
  const agents = AGENTS.map((a) => ({ id: a.id, country: a.country }));
  const notes = new Map<string, number>();
  const rows: string[][] = [];
  for (const t of TICKETS) {
    const sim = (
      await world.admin.expect([200], 'POST', '/v1/policy/simulate', {
        at: new Date().toISOString(),
        ticket: { region: t.region, severity: t.severity, organizationId: t.org },
        agents,
      })
    ).body;
    rows.push([
      t.key,
      ...sim.agents.map((a: { eligible: boolean; reasons: string[] }) => {
        if (a.eligible && sim.routable) return yes(true);
        const why = !sim.routable ? 'outside_support_hours' : a.reasons.join(', ');
        if (!notes.has(why)) notes.set(why, notes.size + 1);
        return red(`no (${notes.get(why)})`);
      }),
    ]);
  }
  table(['ticket', ...AGENTS.map((a) => `${a.name} ${a.country}`)], rows);
  for (const [why, n] of notes) say(dim(`(${n}) ${why}`));
}
