import { sqlOutsideRepositories } from '../scripts/check-sql';

const check = (source: string) =>
  sqlOutsideRepositories('libs/x/src/x.service.ts', source).map((p) => p.replace(/^[^:]+:\d+: /, ''));

describe('check:sql', () => {
  it('finds SQL text in strings and templates, not in comments or prose', () => {
    expect(check("const a = 'SELECT id FROM tickets';")).toEqual(['SQL text']);
    expect(check('const b = `UPDATE tickets t SET x = ${1}`;')).toEqual(['SQL text']);
    expect(check('const c = `DELETE FROM outbox`;')).toEqual(['SQL text']);
    expect(check('// SELECT id FROM tickets\n/* INSERT INTO x */ const d = 1;')).toEqual([]);
    expect(check("const e = 'select the agent from the list';")).toEqual([]);
  });

  it('finds the statement runner and TypeORM data methods, not array methods', () => {
    expect(check("import { run, sql, Db } from '@eea/database';")).toEqual([
      "imports the statement runner 'run'",
      "imports the statement runner 'sql'",
    ]);
    expect(check('await m.findOne(TicketEntity, { where: { id } });')).toEqual(["calls TypeORM 'findOne(TicketEntity, ...)'"]);
    expect(check('await m.query(text, []);')).toEqual(["calls TypeORM 'query'"]);
    expect(check('ds.getRepository(X).findOneBy({ id });')).toEqual(["calls TypeORM 'getRepository'"]);
    expect(check('items.find((i) => i.id === id); list.count(x);')).toEqual([]);
  });
});
