import type { HoursRuleDefinition, WindowDefinition } from './policy-definition';
import { WEEKDAYS, formatMinute } from './policy-definition';
import { SEVERITIES, type Severity } from './policy.types';
import { Issues, child, readList, readMap, readStringList } from './validation-helpers';

const RULE_KEYS = { allowed: ['severities', 'always', 'days', 'from', 'to'], required: ['severities'] };
const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Validates `tiers.<tier>.hours`: every severity covered exactly once, windows well-formed and disjoint. */
export function readHours(value: unknown, path: string, issues: Issues): HoursRuleDefinition[] {
  const list = readList(value, path, issues, true) ?? [];
  const rules: HoursRuleDefinition[] = [];
  list.forEach((raw, i) => {
    const rule = readHoursRule(raw, child(path, i), issues);
    if (rule) rules.push(rule);
  });
  if (rules.length === list.length) checkCoverage(rules, path, issues);
  return rules;
}

function readHoursRule(raw: unknown, path: string, issues: Issues): HoursRuleDefinition | undefined {
  const map = readMap(raw, path, issues, RULE_KEYS);
  if (!map) return undefined;
  const severities = readSeverities(map.severities, child(path, 'severities'), issues);
  if (map.always !== undefined) {
    if (map.always !== true) issues.add(child(path, 'always'), 'must be true (omit it for windowed hours)');
    for (const key of ['days', 'from', 'to'] as const) {
      if (map[key] !== undefined) issues.add(child(path, key), 'not allowed together with always: true');
    }
    return severities && map.always === true ? { severities, window: 'always' } : undefined;
  }
  const window = readWindow(map, path, issues);
  return severities && window ? { severities, window } : undefined;
}

function readSeverities(value: unknown, path: string, issues: Issues): Severity[] | undefined {
  const list = readList(value, path, issues, true);
  if (!list || list.length === 0) return undefined;
  const out: Severity[] = [];
  list.forEach((s, i) => {
    if (!SEVERITIES.includes(s as Severity)) return issues.add(child(path, i), 'must be a severity 1, 2, 3 or 4');
    if (out.includes(s as Severity)) return issues.add(child(path, i), `duplicate severity ${s}`);
    out.push(s as Severity);
  });
  return out.length === list.length ? out : undefined;
}

function readWindow(map: Record<string, unknown>, path: string, issues: Issues): WindowDefinition | undefined {
  const before = issues.list.length;
  const dayNames = readStringList(map.days, child(path, 'days'), issues, {
    nonEmpty: true,
    check: (d) => (WEEKDAYS.includes(d as never) ? null : `'${d}' is not a day (expected ${WEEKDAYS.join(', ')})`),
  });
  const fromMinute = readClock(map.from, child(path, 'from'), issues, false);
  const toMinute = readClock(map.to, child(path, 'to'), issues, true);
  if (fromMinute !== undefined && toMinute !== undefined && fromMinute >= toMinute) {
    issues.add(child(path, 'from'), `window start ${formatMinute(fromMinute)} must be before its end ${formatMinute(toMinute)}`);
  }
  if (issues.list.length > before || fromMinute === undefined || toMinute === undefined) return undefined;
  return { days: dayNames.map((d) => WEEKDAYS.indexOf(d as never) + 1), fromMinute, toMinute };
}

/** "HH:MM" local time; "24:00" is accepted as an end so that a window can run to midnight. */
function readClock(value: unknown, path: string, issues: Issues, isEnd: boolean): number | undefined {
  if (isEnd && value === '24:00') return 24 * 60;
  const match = typeof value === 'string' ? CLOCK.exec(value) : null;
  if (match) return Number(match[1]) * 60 + Number(match[2]);
  issues.add(path, value === undefined ? 'missing' : `must be a quoted local time "HH:MM"${isEnd ? ' (or "24:00")' : ''}`);
  return undefined;
}

function checkCoverage(rules: HoursRuleDefinition[], path: string, issues: Issues): void {
  const alwaysAt = new Map<Severity, number>();
  rules.forEach((rule, i) => {
    if (rule.window !== 'always') return;
    for (const s of rule.severities) {
      if (alwaysAt.has(s))
        issues.add(child(child(path, i), 'severities'), `severity ${s} is already always open in hours[${alwaysAt.get(s)}]`);
      alwaysAt.set(s, i);
    }
  });
  rules.forEach((rule, j) => {
    if (rule.window === 'always') return;
    for (const s of rule.severities) {
      if (alwaysAt.has(s))
        issues.add(child(child(path, j), 'severities'), `severity ${s} is already always open in hours[${alwaysAt.get(s)}]`);
    }
    for (let i = 0; i < j; i++) reportOverlap(rules[i], i, rule, j, path, issues);
  });
  for (const s of SEVERITIES) {
    if (!rules.some((r) => r.severities.includes(s))) {
      issues.add(path, `severity ${s} has no hours (add it to an always: true rule or to a window)`);
    }
  }
}

function reportOverlap(a: HoursRuleDefinition, i: number, b: HoursRuleDefinition, j: number, path: string, issues: Issues): void {
  if (a.window === 'always' || b.window === 'always') return;
  const severity = b.severities.find((s) => a.severities.includes(s));
  const day = b.window.days.find((d) => (a.window as WindowDefinition).days.includes(d));
  if (severity === undefined || day === undefined) return;
  if (a.window.fromMinute < b.window.toMinute && b.window.fromMinute < a.window.toMinute) {
    issues.add(child(path, j), `overlaps hours[${i}] on ${WEEKDAYS[day - 1]} for severity ${severity}`);
  }
}
