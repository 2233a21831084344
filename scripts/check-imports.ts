// Architecture check over the import graph of apps/ and libs/ (run by `npm test`, see docs/architecture.md "Layers").
// A regex over import specifiers is enough here: every import in the tree is a static `from '...'` or `import('...')`,
// and it keeps the check well under a second.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

const ROOT = process.cwd();

/** A pure core that imports no other lib and that anyone may import. */
export const CORE = ['policy'];
/** Platform libs: generic plumbing; they import only each other (without a circle) and the core. */
export const PLATFORM = ['config', 'database', 'queue', 'http', 'auth', 'observability', 'signing', 'audit', 'outbound'];
/** Domain libs: the business; they may import platform, core and each other (without a circle). */
export const DOMAIN = [
  'agent-work',
  'agents',
  'consent',
  'consent-gate',
  'consent-approval',
  'intake',
  'privacy',
  'routing',
  'tickets',
];

/** Sub-libs with their own alias: a file under one of these folders belongs to that unit. */
const SUB_UNITS: Record<string, string> = {};
/** Standalone programs that import single pure files on purpose, so that they start without Nest. */
const DEEP_IMPORT_ALLOWED = ['apps/cli/', 'apps/console/'];

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)'([^']+)'/g;

/** Every TypeScript file under `dir` (node_modules and dist aside). */
export function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

const posix = (path: string) => path.split(sep).join('/');
const isTest = (file: string) => /\.(spec|e2e-spec)\.tsx?$/.test(file);

/** The lib unit ('routing', 'consent-gate') a repository path belongs to, or undefined outside libs/. */
export function unitOf(file: string): string | undefined {
  for (const [folder, unit] of Object.entries(SUB_UNITS)) if (file.startsWith(folder + '/')) return unit;
  return /^libs\/([^/]+)\//.exec(file)?.[1];
}

const libOf = (file: string) => /^libs\/([^/]+)\//.exec(file)?.[1];

function aliasUnit(specifier: string): string | undefined {
  return /^@eea\/([^/]+)$/.exec(specifier)?.[1];
}

type Edge = { from: string; to: string; file: string };

export function checkImports(root = ROOT): string[] {
  const problems: string[] = [];
  const edges: Edge[] = [];
  const files = [...walk(join(root, 'libs')), ...walk(join(root, 'apps'))].map((f) => posix(relative(root, f)));
  for (const file of files) {
    const source = readFileSync(join(root, file), 'utf8');
    const unit = unitOf(file);
    for (const [, specifier] of source.matchAll(IMPORT)) {
      const target = specifier.startsWith('.') ? posix(join(dirname(file), specifier)) : undefined;
      const say = (rule: string) => problems.push(`${file}: '${specifier}' ${rule}`);
      if (!isTest(file) && (specifier === '@eea/testing' || target?.startsWith('test/') || /\.fixtures$/.test(specifier))) {
        say('is test support imported by shipped code');
      }
      if (file.startsWith('libs/') && target?.startsWith('apps/')) say('imports an app from a lib');
      if (target?.startsWith('libs/') && libOf(target) !== libOf(file) && !DEEP_IMPORT_ALLOWED.some((p) => file.startsWith(p))) {
        say(`reaches into lib '${libOf(target)}' by a relative path (import its @eea alias)`);
      }
      const to = aliasUnit(specifier) ?? (target?.startsWith('libs/') ? unitOf(target) : undefined);
      if (unit && to && to !== unit && to !== 'testing' && !isTest(file)) edges.push({ from: unit, to, file });
    }
  }
  for (const edge of edges) problems.push(...layerProblems(edge));
  problems.push(...cycles(edges));
  problems.push(...registration(root));
  return problems;
}

/** Every lib folder is a named lib: an `@eea/<name>` path alias in tsconfig.json and a project in nest-cli.json. */
function registration(root: string): string[] {
  const libs = readdirSync(join(root, 'libs')).filter((name) => statSync(join(root, 'libs', name)).isDirectory());
  const aliases = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8')).compilerOptions.paths as Record<string, string[]>;
  const projects = JSON.parse(readFileSync(join(root, 'nest-cli.json'), 'utf8')).projects as Record<string, { root: string }>;
  return libs.flatMap((lib) => [
    ...(aliases[`@eea/${lib}`]?.[0] === `./libs/${lib}/src`
      ? []
      : [`libs/${lib}: no '@eea/${lib}' alias for ./libs/${lib}/src in tsconfig.json`]),
    ...(projects[lib]?.root === `libs/${lib}` ? [] : [`libs/${lib}: no '${lib}' project in nest-cli.json`]),
  ]);
}

function layerProblems({ from, to, file }: Edge): string[] {
  const known = [...CORE, ...PLATFORM, ...DOMAIN];
  for (const unit of [from, to])
    if (!known.includes(unit)) return [`${file}: lib '${unit}' has no layer (add it to scripts/check-imports.ts)`];
  if (CORE.includes(from)) return [`${file}: the core lib '${from}' imports '${to}' (it must import no other lib)`];
  if (PLATFORM.includes(from) && DOMAIN.includes(to)) return [`${file}: platform lib '${from}' imports domain lib '${to}'`];
  return [];
}

/** Each group of lib units that import each other in a circle (a strongly connected component), once. */
function cycles(edges: Edge[]): string[] {
  const next = new Map<string, Map<string, string>>();
  for (const { from, to, file } of edges) {
    if (!next.has(from)) next.set(from, new Map());
    if (!next.get(from)!.has(to)) next.get(from)!.set(to, file);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const groups: string[][] = [];
  const connect = (unit: string) => {
    index.set(unit, index.size);
    low.set(unit, index.get(unit)!);
    stack.push(unit);
    for (const [to] of next.get(unit) ?? []) {
      if (!index.has(to)) connect(to);
      if (stack.includes(to)) low.set(unit, Math.min(low.get(unit)!, low.get(to)!));
    }
    if (low.get(unit) !== index.get(unit)) return;
    const group = stack.splice(stack.indexOf(unit));
    if (group.length > 1) groups.push(group.sort());
  };
  for (const unit of [...next.keys()].sort()) if (!index.has(unit)) connect(unit);
  return groups.map((group) => {
    const steps = group.flatMap((from) =>
      [...(next.get(from) ?? [])].filter(([to]) => group.includes(to)).map(([to, file]) => `${from} -> ${to} (${file})`),
    );
    return `import circle among ${group.join(', ')}: ${steps.join('; ')}`;
  });
}

if (require.main === module) {
  const started = Date.now();
  const problems = checkImports();
  for (const problem of problems) console.error(problem);
  console.log(`check:imports: ${problems.length} problem(s) in ${Date.now() - started} ms`);
  process.exit(problems.length ? 1 : 0);
}
