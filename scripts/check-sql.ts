// Where SQL may live (run by `npm test`, see docs/architecture.md "Data access"): only `*.repository.ts` files run
// statements. Everywhere else in apps/ and libs/ this fails on SQL text in a string, on the statement runner and on
// TypeORM's data methods. Read with the TypeScript parser, so comments and prose never count.
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import * as ts from 'typescript';
import { walk } from './check-imports';

const ROOT = process.cwd();

/** Files that may hold SQL besides repositories: the database lib's own plumbing (runner, migrations, start-up). */
const SQL_ALLOWED = [/\.repository\.ts$/, /^libs\/database\/src\//];
const isTest = (file: string) => /\.(spec|e2e-spec)\.tsx?$/.test(file);

/** SQL as we write it: upper-case keywords in their statement shapes. */
const SQL_TEXT =
  /\b(SELECT\s[\s\S]*?\bFROM\b|INSERT\s+INTO\b|UPDATE\s+[a-z_]+(\s+[a-z]\w*)?\s+SET\b|DELETE\s+FROM\b|FOR\s+UPDATE\b)/;
/** The statement runner. */
const RUNNERS = new Set(['sql', 'run', 'runOne']);
/** TypeORM's ways of running SQL: on a manager, a data source or a repository. */
const ORM_ALWAYS = new Set(['query', 'createQueryBuilder', 'getRepository']);
/** Manager methods that take the entity class first (`m.findOne(TicketEntity, ...)`). */
const ORM_BY_ENTITY = new Set([
  'find',
  'findOne',
  'findOneBy',
  'findBy',
  'findAndCount',
  'findOneOrFail',
  'save',
  'insert',
  'update',
  'upsert',
  'delete',
  'remove',
  'exists',
  'existsBy',
  'count',
  'countBy',
  'increment',
  'decrement',
  'create',
  'merge',
  'preload',
]);

/** What in `source` runs SQL outside a repository, as `line: reason`. */
export function sqlOutsideRepositories(file: string, source: string): string[] {
  const found: string[] = [];
  const tree = ts.createSourceFile(
    file,
    source,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const say = (node: ts.Node, reason: string) =>
    found.push(`${file}:${tree.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${reason}`);
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (SQL_TEXT.test(node.text)) say(node, 'SQL text');
    } else if (ts.isTemplateExpression(node)) {
      const text = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ? ');
      if (SQL_TEXT.test(text)) say(node, 'SQL text');
    } else if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const names = node.importClause?.namedBindings;
      if (node.moduleSpecifier.text === '@eea/database' && names && ts.isNamedImports(names)) {
        for (const el of names.elements)
          if (RUNNERS.has((el.propertyName ?? el.name).text)) say(el, `imports the statement runner '${el.name.text}'`);
      }
      if (node.moduleSpecifier.text === '@nestjs/typeorm' && /\bInjectRepository\b/.test(node.getText()))
        say(node, 'injects a TypeORM repository');
    } else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text;
      const first = node.arguments[0];
      if (ORM_ALWAYS.has(method)) say(node, `calls TypeORM '${method}'`);
      else if (ORM_BY_ENTITY.has(method) && first && ts.isIdentifier(first) && /Entity$/.test(first.text)) {
        say(node, `calls TypeORM '${method}(${first.text}, ...)'`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(tree);
  return found;
}

export function checkSql(root = ROOT): string[] {
  const files = [...walk(join(root, 'libs')), ...walk(join(root, 'apps'))].map((f) => relative(root, f).split(sep).join('/'));
  return files
    .filter((file) => !isTest(file) && !SQL_ALLOWED.some((allowed) => allowed.test(file)))
    .flatMap((file) => sqlOutsideRepositories(file, readFileSync(join(root, file), 'utf8')));
}

if (require.main === module) {
  const started = Date.now();
  const problems = checkSql();
  for (const problem of problems) console.error(problem);
  console.log(`check:sql: ${problems.length} place(s) outside a repository in ${Date.now() - started} ms`);
  process.exit(problems.length ? 1 : 0);
}
