/**
 * Agent-eligibility checks per second: the compiled policy (one evaluateTicket, then checkAgent per
 * agent) against json-rules-engine interpreting the same rule on the same inputs in the same run.
 * Run alone: it prints one line. Relative import so it runs without path-alias rewriting.
 */
import { join } from 'node:path';
import { Engine } from 'json-rules-engine';
import {
  checkAgent,
  evaluateTicket,
  loadPolicyFile,
  permittedCountries,
  type AgentFacts,
  type CompiledPolicy,
  type ConsentFacts,
  type TicketFacts,
  type Tier,
} from '../libs/policy/src';

export interface PolicyBenchResult {
  checksPerSec: number;
  baselineChecksPerSec: number;
  vsJsonRulesEngine: number;
}

const REGIONS = ['eu-west-1', 'eu-central-1', 'eu-central-2', 'us-east-1', 'eusc-de-east-1', 'ap-south-1', 'nowhere-1'];
const COUNTRIES = ['DE', 'FR', 'IE', 'PL', 'CH', 'GB', 'IN', 'PH', 'US', 'BR', 'JP', 'CN', 'NO', 'ES'];
const SKILLS = ['voice', 'billing', 'de', 'fr', 'network'];
const NOW = new Date('2026-01-14T10:00:00Z');

/** Deterministic inputs so runs are comparable (mulberry32). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Inputs {
  tickets: { facts: TicketFacts; consents: ConsentFacts[] }[];
  agents: AgentFacts[];
}

function makeInputs(ticketCount: number, agentCount: number): Inputs {
  const rnd = random(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const some = (xs: readonly string[], p: number) => xs.filter(() => rnd() < p);
  const tickets = Array.from({ length: ticketCount }, () => ({
    facts: {
      region: pick(REGIONS),
      severity: 1,
      tier: pick<Tier | null>(['standard', 'eea_only', null]),
      skills: some(SKILLS, 0.2),
    } as TicketFacts,
    consents: rnd() < 0.3 ? [{ countries: ['US'], expiresAt: new Date('2026-02-01T00:00:00Z') }] : [],
  }));
  const agents = Array.from({ length: agentCount }, (_, i) => ({
    id: `agent-${i}`,
    country: rnd() < 0.05 ? null : pick(COUNTRIES),
    skills: some(SKILLS, 0.6),
  }));
  return { tickets, agents };
}

function runCompiled(policy: CompiledPolicy, inputs: Inputs, budgetMs: number): { perSec: number; eligible: number } {
  let checks = 0;
  let eligible = 0;
  const start = performance.now();
  while (performance.now() - start < budgetMs) {
    for (const t of inputs.tickets) {
      const ev = evaluateTicket(policy, t.facts, t.consents, NOW);
      for (const agent of inputs.agents) if (checkAgent(ev, agent).eligible) eligible++;
      checks += inputs.agents.length;
    }
  }
  return { perSec: checks / ((performance.now() - start) / 1000), eligible };
}

/** The same rule as data: (unrestricted OR country in allowed ∪ unlocked) AND required skills ⊆ agent skills. */
function makeEngine(): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addOperator<string[], string[]>('containsAll', (have, need) => need.every((s) => have.includes(s)));
  engine.addRule({
    conditions: {
      all: [
        {
          any: [
            { fact: 'unrestricted', operator: 'equal', value: true },
            { fact: 'country', operator: 'in', value: { fact: 'allowed' } },
            { fact: 'country', operator: 'in', value: { fact: 'unlocked' } },
          ],
        },
        { fact: 'agentSkills', operator: 'containsAll', value: { fact: 'requiredSkills' } },
      ],
    },
    event: { type: 'eligible' },
  });
  return engine;
}

/** One ticket evaluated by our engine, then every agent decided by json-rules-engine. */
async function rulesEngineTicket(
  engine: Engine,
  policy: CompiledPolicy,
  t: Inputs['tickets'][number],
  agents: AgentFacts[],
): Promise<number> {
  const ev = evaluateTicket(policy, t.facts, t.consents, NOW);
  const permitted = permittedCountries(ev);
  const ticketFacts = {
    unrestricted: permitted === '*',
    allowed: permitted === '*' ? [] : permitted,
    unlocked: [...ev.unlockedCountries],
    requiredSkills: ev.requiredSkills,
  };
  let eligible = 0;
  for (const agent of agents) {
    const result = await engine.run({ ...ticketFacts, country: agent.country, agentSkills: agent.skills ?? [] });
    if (result.events.length > 0) eligible++;
  }
  return eligible;
}

async function runRulesEngine(
  policy: CompiledPolicy,
  inputs: Inputs,
  budgetMs: number,
): Promise<{ perSec: number; eligible: number }> {
  const engine = makeEngine();
  let checks = 0;
  let eligible = 0;
  const start = performance.now();
  while (performance.now() - start < budgetMs) {
    for (const t of inputs.tickets) {
      eligible += await rulesEngineTicket(engine, policy, t, inputs.agents);
      checks += inputs.agents.length;
      if (performance.now() - start >= budgetMs) break;
    }
  }
  return { perSec: checks / ((performance.now() - start) / 1000), eligible };
}

export async function runPolicyBench(opts: { quick: boolean }): Promise<PolicyBenchResult> {
  const policy = loadPolicyFile(join(process.cwd(), 'config', 'policy.yaml'));
  const inputs = makeInputs(100, 1000);
  await sanityCheck(policy, inputs);
  runCompiled(policy, inputs, 200); // warm-up so the JIT has compiled the hot path
  const ours = runCompiled(policy, inputs, opts.quick ? 2000 : 5000);
  const baseline = await runRulesEngine(policy, inputs, opts.quick ? 2000 : 5000);
  return {
    checksPerSec: Math.round(ours.perSec),
    baselineChecksPerSec: Math.round(baseline.perSec),
    vsJsonRulesEngine: Math.round((ours.perSec / baseline.perSec) * 10) / 10,
  };
}

/** Both engines must reach the same decisions, or the comparison means nothing. */
async function sanityCheck(policy: CompiledPolicy, inputs: Inputs): Promise<void> {
  const sample = { tickets: inputs.tickets.slice(0, 5), agents: inputs.agents.slice(0, 200) };
  let ours = 0;
  for (const t of sample.tickets) {
    const ev = evaluateTicket(policy, t.facts, t.consents, NOW);
    for (const a of sample.agents) if (checkAgent(ev, a).eligible) ours++;
  }
  const engine = makeEngine();
  let theirs = 0;
  for (const t of sample.tickets) theirs += await rulesEngineTicket(engine, policy, t, sample.agents);
  if (ours !== theirs) throw new Error(`engines disagree: ${ours} vs ${theirs} eligible`);
}

if (require.main === module) {
  const quick = process.argv.includes('--quick');
  runPolicyBench({ quick }).then(
    (r) =>
      console.log(
        `policy: ${r.checksPerSec.toLocaleString('en')} checks/s, json-rules-engine ${r.baselineChecksPerSec.toLocaleString('en')} checks/s, ${r.vsJsonRulesEngine}x`,
      ),
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
