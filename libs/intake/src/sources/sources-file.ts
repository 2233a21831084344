import { Document, LineCounter, parseDocument } from 'yaml';
import { readSettingFile, type Severity } from '@eea/policy';
import { SourceVocabularies, SourceVocabulary, Vocabulary, ZendeskVocabulary, vocabularyKey } from './vocabulary';

export interface SourcesIssue {
  path: string;
  line: number;
  message: string;
}

/** Thrown when config/sources.yaml cannot be trusted; one line per problem: path, line, why. */
export class SourcesValidationError extends Error {
  constructor(
    readonly issues: SourcesIssue[],
    file: string,
  ) {
    super([`Invalid sources file (${file}):`, ...issues.map((i) => `  ${i.path} (line ${i.line}): ${i.message}`)].join('\n'));
    this.name = 'SourcesValidationError';
  }
}

const COMMON_KEYS = ['defaultSeverity', 'priorities', 'resolvedStatuses', 'openStatuses', 'categories'];
const KEYS: Record<'zendesk' | 'jira', string[]> = { zendesk: [...COMMON_KEYS, 'skillTagPrefix'], jira: COMMON_KEYS };
const CATEGORY = /^[a-z0-9_]{1,100}$/;

/** Reads and validates the vocabularies file once at start; an invalid or unreadable file stops the process. */
export function loadSourcesFile(path: string): SourceVocabularies {
  const text = readSettingFile(
    path,
    'ticketing-system vocabularies file',
    'SOURCES_FILE',
    (message) => new SourcesFileError(message),
  );
  return parseSources(text, path);
}

/** The sources file cannot be read at all: one line naming it, no stack. */
export class SourcesFileError extends SourcesValidationError {
  constructor(message: string) {
    super([], '');
    this.message = message;
  }
}

export function parseSources(text: string, file = 'sources.yaml'): SourceVocabularies {
  const lines = new LineCounter();
  const doc = parseDocument(text, { version: '1.2', uniqueKeys: true, prettyErrors: false, lineCounter: lines });
  const v = new SourcesValidator(doc, lines);
  for (const e of [...doc.errors, ...doc.warnings])
    v.issues.push({ path: '(yaml)', line: e.linePos?.[0].line ?? 0, message: e.message.split('\n')[0] });
  if (v.issues.length > 0) throw new SourcesValidationError(v.issues, file);
  const root = doc.toJS({ maxAliasCount: 100 }) as unknown;
  const result = v.root(root);
  if (v.issues.length > 0 || !result) throw new SourcesValidationError(v.issues, file);
  return result;
}

class SourcesValidator {
  readonly issues: SourcesIssue[] = [];

  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  add(path: Array<string | number>, message: string): void {
    // The line of the nearest node that exists (a missing key is reported at its parent).
    let line = 1;
    for (let n = path.length; n >= 0; n--) {
      const node = this.doc.getIn(path.slice(0, n), true) as { range?: [number, number] } | undefined;
      if (node?.range) {
        line = this.lines.linePos(node.range[0]).line;
        break;
      }
    }
    this.issues.push({ path: path.join('.') || '(root)', line, message });
  }

  root(value: unknown): SourceVocabularies | null {
    if (!plain(value)) {
      this.add([], 'must be a mapping with keys zendesk and jira');
      return null;
    }
    for (const key of Object.keys(value)) if (!(key in KEYS)) this.add([key], 'unknown source (expected zendesk or jira)');
    const zendesk = this.source('zendesk', value.zendesk);
    const jira = this.source('jira', value.jira);
    if (!zendesk || !jira) return null;
    const prefix = this.prefix(value.zendesk as Record<string, unknown>);
    return { zendesk: { ...zendesk, skillTagPrefix: prefix } as ZendeskVocabulary, jira };
  }

  private source(name: 'zendesk' | 'jira', value: unknown): SourceVocabulary | null {
    if (!plain(value)) {
      this.add([name], 'missing or not a mapping');
      return null;
    }
    for (const key of Object.keys(value))
      if (!KEYS[name].includes(key)) this.add([name, key], `unknown key (expected one of: ${KEYS[name].join(', ')})`);
    const resolved = this.names([name, 'resolvedStatuses'], value.resolvedStatuses);
    const open = this.names([name, 'openStatuses'], value.openStatuses ?? []);
    for (const s of open)
      if (resolved.some((r) => vocabularyKey(r) === vocabularyKey(s)))
        this.add([name, 'openStatuses'], `"${s}" is also a resolved status`);
    return {
      defaultSeverity: this.severity([name, 'defaultSeverity'], value.defaultSeverity) ?? 3,
      priorities: new Vocabulary(this.table([name, 'priorities'], value.priorities, (p, v) => this.severity(p, v))),
      resolvedStatuses: new Vocabulary(resolved.map((s) => [s, true as const])),
      openStatuses: new Vocabulary(open.map((s) => [s, true as const])),
      categories: new Vocabulary(this.table([name, 'categories'], value.categories ?? {}, (p, v) => this.category(p, v))),
    };
  }

  private prefix(zendesk: Record<string, unknown>): string {
    const value = zendesk.skillTagPrefix ?? 'skill_';
    if (typeof value !== 'string' || !/^[^\s]{1,50}$/.test(value)) {
      this.add(['zendesk', 'skillTagPrefix'], 'must be 1-50 characters without spaces (Zendesk tags have none)');
      return 'skill_';
    }
    return value.toLowerCase();
  }

  private severity(path: Array<string | number>, value: unknown): Severity | undefined {
    if (value === 1 || value === 2 || value === 3 || value === 4) return value;
    this.add(path, value === undefined ? 'missing' : 'must be a severity: 1, 2, 3 or 4');
    return undefined;
  }

  private category(path: Array<string | number>, value: unknown): string | undefined {
    if (typeof value === 'string' && CATEGORY.test(value)) return value;
    this.add(path, 'must be a policy category: lower-case letters, digits and underscores');
    return undefined;
  }

  /** A mapping name → value; two names that compare equal (case, accents) must agree. */
  private table<T>(
    path: Array<string | number>,
    value: unknown,
    read: (p: Array<string | number>, v: unknown) => T | undefined,
  ): Array<[string, T]> {
    if (!plain(value)) {
      this.add(path, 'missing or not a mapping');
      return [];
    }
    const seen = new Map<string, { name: string; value: T }>();
    for (const [name, raw] of Object.entries(value)) {
      const item = read([...path, name], raw);
      if (item === undefined) continue;
      const key = vocabularyKey(name);
      if (key === '') {
        this.add([...path, name], 'name must not be empty');
        continue;
      }
      const before = seen.get(key);
      if (before && before.value !== item)
        this.add([...path, name], `differs from "${before.name}", which reads the same (case and accents are ignored)`);
      seen.set(key, { name, value: item });
    }
    return [...seen.values()].map((e) => [e.name, e.value]);
  }

  private names(path: Array<string | number>, value: unknown): string[] {
    if (!Array.isArray(value)) {
      this.add(path, 'missing or not a list of names');
      return [];
    }
    const out: string[] = [];
    value.forEach((item, i) => {
      if (typeof item === 'string' && vocabularyKey(item) !== '') out.push(item);
      else this.add([...path, i], 'must be a non-empty name');
    });
    return out;
  }
}

function plain(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
