import { join } from 'node:path';
import { SourcesValidationError, loadSourcesFile, parseSources } from './sources-file';

const SHIPPED = join(__dirname, '../../../../config/sources.yaml');

describe('sources file', () => {
  const shipped = loadSourcesFile(SHIPPED);

  it('ships Jira default and classic priority schemes', () => {
    const p = shipped.jira.priorities;
    expect(['Highest', 'High', 'Medium', 'Low', 'Lowest'].map((n) => p.get(n))).toEqual([1, 2, 3, 4, 4]);
    expect(['Blocker', 'Critical', 'Major', 'Minor', 'Trivial'].map((n) => p.get(n))).toEqual([1, 2, 3, 4, 4]);
    expect(p.get('P1')).toBeUndefined();
  });

  it('matches Zendesk words without regard to case, accents or surrounding space', () => {
    expect(shipped.zendesk.priorities.get('  DRINGEND ')).toBe(1);
    expect(shipped.zendesk.priorities.get('elevee')).toBe(2);
    expect(shipped.zendesk.resolvedStatuses.has('gelost')).toBe(true);
    expect(shipped.zendesk.openStatuses.has('Wartend')).toBe(true);
    expect(shipped.zendesk.skillTagPrefix).toBe('skill_');
    expect(shipped.jira.categories.get('Professional services')).toBe('professional_services');
  });

  it('never reaches a prototype through a looked-up name', () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(shipped.zendesk.priorities.get(name)).toBeUndefined();
      expect(shipped.zendesk.resolvedStatuses.has(name)).toBe(false);
    }
  });

  it('names the path, line and reason of every problem', () => {
    const text = [
      'zendesk:',
      '  defaultSeverity: 5',
      '  skillTagPrefix: "skill "',
      '  priorities: { Urgent: 1, URGENT: 2 }',
      '  resolvedStatuses: [solved]',
      '  openStatuses: [Solved]',
      '  categories: { x: Not A Category }',
      '  colour: red',
      'jira:',
      '  priorities: {}',
      '  resolvedStatuses: Done',
    ].join('\n');
    let error: SourcesValidationError | undefined;
    try {
      parseSources(text, 'bad.yaml');
    } catch (e) {
      error = e as SourcesValidationError;
    }
    expect(error).toBeInstanceOf(SourcesValidationError);
    expect(error!.issues).toEqual(
      expect.arrayContaining([
        { path: 'zendesk.defaultSeverity', line: 2, message: 'must be a severity: 1, 2, 3 or 4' },
        { path: 'zendesk.skillTagPrefix', line: 3, message: expect.stringContaining('without spaces') },
        { path: 'zendesk.priorities.URGENT', line: 4, message: expect.stringContaining('reads the same') },
        { path: 'zendesk.openStatuses', line: 6, message: '"Solved" is also a resolved status' },
        { path: 'zendesk.categories.x', line: 7, message: expect.stringContaining('policy category') },
        { path: 'zendesk.colour', line: 8, message: expect.stringContaining('unknown key') },
        { path: 'jira.defaultSeverity', line: 10, message: 'missing' },
        { path: 'jira.resolvedStatuses', line: 11, message: 'missing or not a list of names' },
      ]),
    );
    expect(error!.message).toContain('Invalid sources file (bad.yaml):');
    expect(error!.message).toContain('zendesk.defaultSeverity (line 2): must be a severity');
  });

  it('reports YAML syntax errors with their line', () => {
    expect(() => parseSources('zendesk:\n  priorities: [\n', 'broken.yaml')).toThrow(/\(yaml\) \(line \d+\)/);
  });
});
