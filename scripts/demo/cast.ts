/** The demo's customers, agents and tickets. */
export const ORGS = [
  { id: 'demo-acme', name: 'Acme Retail', tier: 'standard' as const },
  { id: 'demo-nordbank', name: 'Nordbank', tier: 'eea_only' as const },
];

export const AGENTS = [
  { id: 'demo-greta', name: 'Greta', country: 'DE', where: 'Berlin, Germany' },
  { id: 'demo-aoife', name: 'Aoife', country: 'IE', where: 'Dublin, Ireland' },
  { id: 'demo-priya', name: 'Priya', country: 'IN', where: 'Pune, India' },
  { id: 'demo-jose', name: 'Jose', country: 'PH', where: 'Manila, Philippines' },
  { id: 'demo-sam', name: 'Sam', country: 'US', where: 'Austin, United States (expert)' },
];

export interface DemoTicket {
  key: string;
  org: string;
  region: string;
  severity: 1 | 2 | 3 | 4;
  what: string;
}

export const TICKETS: DemoTicket[] = [
  { key: 'T1', org: 'demo-acme', region: 'eu-west-1', severity: 2, what: 'calls drop in the Dublin contact centre' },
  { key: 'T2', org: 'demo-nordbank', region: 'eu-central-1', severity: 1, what: 'IVR down for all Nordbank callers' },
  { key: 'T3', org: 'demo-nordbank', region: 'eu-central-1', severity: 3, what: 'a report shows wrong totals' },
  { key: 'T4', org: 'demo-acme', region: 'us-east-1', severity: 3, what: 'US queue needs a new greeting' },
];

/** "EEA (30 countries)" rather than thirty codes. */
export function describeCountries(allowed: string[] | '*' | null, sets: Record<string, string[]>): string {
  if (allowed === '*' || allowed === null) return 'anywhere (not an EEA ticket)';
  const has = (name: string) => (sets[name] ?? []).every((c) => allowed.includes(c));
  const parts: string[] = [];
  let covered: string[] = [];
  for (const name of ['EEA', 'ADEQUATE', 'OFFSHORE']) {
    if (sets[name] && has(name)) {
      parts.push(name === 'OFFSHORE' ? sets[name].join(', ') : name === 'ADEQUATE' ? 'adequacy countries' : 'EEA');
      covered = covered.concat(sets[name]);
    }
  }
  const rest = allowed.filter((c) => !covered.includes(c));
  if (allowed.length === 0) return 'nobody (stranded: a manager must look)';
  return `${[...parts, ...rest].join(' + ')} (${allowed.length} countries)`;
}

/** The next Saturday 10:00 UTC (11:00 in Brussels): outside EEA-only support hours. */
export function nextSaturday(from = new Date()): Date {
  const d = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate(), 10));
  d.setUTCDate(d.getUTCDate() + ((6 - d.getUTCDay() + 7) % 7 || 7));
  return d;
}

export function brussels(iso: string): string {
  return (
    new Date(iso).toLocaleString('en-GB', {
      timeZone: 'Europe/Brussels',
      weekday: 'long',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
    }) + ' Brussels time'
  );
}
