import type { PoolClient, QueryResultRow } from 'pg';
import { EntityManager, getMetadataArgsStorage } from 'typeorm';

/**
 * Where statements run: a transaction's manager (`tx.db`), or the data source's own manager outside one.
 * Repositories take it as their first argument so that the caller decides the transaction.
 */
export type Db = EntityManager;

/**
 * One SQL statement of a repository, with a name. The text is fixed when the module loads: values are
 * always parameters (`$1`, arrays with `= ANY($n)`, optional filters with `$n::type IS NULL OR ...`), so
 * every statement the service can run is known, listed in `src/queries/*.sql` and reviewed as SQL.
 */
export interface Sql<Row> {
  /** `<table or area>.<what>`, unique: names the snapshot entry and, when prepared, the server-side statement. */
  readonly name: string;
  readonly text: string;
  /**
   * Prepared once per connection (planned once) instead of on every call: for the hot statements whose
   * planning costs as much as their execution. Not for statements with optional filters, which a
   * generic plan serves badly.
   */
  readonly prepare: boolean;
  /** The repository file that defined it (for the snapshots). */
  readonly definedIn: string;
  /** Phantom: the row type, never set. */
  readonly row?: Row;
}

const registry = new Map<string, Sql<unknown>>();

/** Every statement defined so far (those of the modules loaded), in definition order. */
export function definedStatements(): ReadonlyArray<Sql<unknown>> {
  return [...registry.values()];
}

/** Defines a statement. Call it at module level in a `*.repository.ts` file. */
export function sql<Row extends QueryResultRow = Record<string, unknown>>(
  name: string,
  text: string,
  options: { prepare?: boolean } = {},
): Sql<Row> {
  const statement: Sql<Row> = Object.freeze({
    name,
    text: dedent(text),
    prepare: options.prepare ?? false,
    definedIn: callerFile(),
  });
  const known = registry.get(name);
  if (known && known.text !== statement.text) throw new Error(`two SQL statements are named '${name}'`);
  registry.set(name, statement);
  return statement;
}

/**
 * Runs a statement and returns its rows, whatever the command (an UPDATE or DELETE returns what its
 * RETURNING clause lists, nothing without one). It runs on the manager's transaction when there is
 * one, otherwise on a connection borrowed from the pool for this statement alone. The pg client comes
 * from TypeORM's `QueryRunner.connect()`, which is how TypeORM hands out the driver's connection.
 */
export async function run<Row extends QueryResultRow>(db: Db, statement: Sql<Row>, values: unknown[] = []): Promise<Row[]> {
  const config = statement.prepare ? { name: statement.name, text: statement.text, values } : { text: statement.text, values };
  const own = db.queryRunner;
  if (own) {
    if (own.isReleased) throw new Error('query runner already released');
    const client = (await own.connect()) as PoolClient;
    return (await client.query<Row>(config)).rows;
  }
  const runner = db.connection.createQueryRunner();
  try {
    const client = (await runner.connect()) as PoolClient;
    return (await client.query<Row>(config)).rows;
  } finally {
    await runner.release();
  }
}

/** The first row, or undefined. */
export async function runOne<Row extends QueryResultRow>(
  db: Db,
  statement: Sql<Row>,
  values: unknown[] = [],
): Promise<Row | undefined> {
  return (await run(db, statement, values))[0];
}

/** Removes the indentation common to the statement's lines (the snapshots show it as written). */
function dedent(text: string): string {
  const lines = text
    .replace(/^\s*\n/, '')
    .replace(/\s+$/, '')
    .split('\n');
  // A first line written right after the opening quote has no indentation of its own.
  const from = lines.length > 1 && !lines[0].startsWith(' ') ? 1 : 0;
  const indented = lines.slice(from).filter((l) => l.trim());
  const indent = indented.length ? Math.min(...indented.map((l) => /^ */.exec(l)![0].length)) : 0;
  return lines.map((l, i) => (i < from ? l : l.slice(indent))).join('\n');
}

function callerFile(): string {
  const stack = new Error().stack?.split('\n') ?? [];
  for (const line of stack.slice(3)) {
    const file = /(?:\(|^at )((?:[A-Za-z]:)?[^():\s]+\.[cm]?[jt]s):\d+:\d+\)?$/.exec(line.trim())?.[1];
    if (file && !/[/\\]libs[/\\]database[/\\]/.test(file)) return file;
  }
  return 'unknown';
}

/**
 * `alias.column AS "property"` for every column of an entity, from its decorators (known when the
 * module loads, so a statement built with it is fixed text), for statements whose rows become entities.
 */
export function entitySelectList(entity: EntityClass, alias: string): string {
  const columns = getMetadataArgsStorage().columns.filter((c) => c.target === entity);
  if (columns.length === 0) throw new Error(`${entity.name} has no columns (not an entity?)`);
  return columns.map((c) => `${alias}.${c.options.name ?? c.propertyName} AS "${c.propertyName}"`).join(', ');
}

type EntityClass = new () => object;
