import type { Severity } from '@eea/policy';

/**
 * How a vendor's rendered word is compared: without regard to case, accents or surrounding space
 * ("  Gelöst " matches "gelost", "Élevée" matches "elevee"). NFKD splits accented letters into
 * letter + combining mark, and the marks are dropped.
 */
export function vocabularyKey(value: string): string {
  return value.normalize('NFKD').replace(/\p{M}/gu, '').trim().toLowerCase();
}

/** A name → value table looked up through a Map, so no input ("__proto__", "constructor") can reach a prototype. */
export class Vocabulary<T> {
  private readonly entries = new Map<string, T>();

  constructor(pairs: Iterable<[string, T]> = []) {
    for (const [name, value] of pairs) this.entries.set(vocabularyKey(name), value);
  }

  get(value: string): T | undefined {
    return this.entries.get(vocabularyKey(value));
  }

  has(value: string): boolean {
    return this.entries.has(vocabularyKey(value));
  }

  get size(): number {
    return this.entries.size;
  }
}

export interface SourceVocabulary {
  priorities: Vocabulary<Severity>;
  defaultSeverity: Severity;
  resolvedStatuses: Vocabulary<true>;
  /** Statuses that mean "still being worked" (a resolved ticket that reports one of them is reopened). */
  openStatuses: Vocabulary<true>;
  categories: Vocabulary<string>;
}

export interface ZendeskVocabulary extends SourceVocabulary {
  /** Only tags starting with this (compared lower-cased) are skills; the rest of the tag is the skill. */
  skillTagPrefix: string;
}

export interface SourceVocabularies {
  zendesk: ZendeskVocabulary;
  jira: SourceVocabulary;
}
