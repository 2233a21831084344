import { Injectable } from '@nestjs/common';
import { AppConfig } from '@eea/config';
import { loadSourcesFile } from './sources-file';
import { SourceVocabularies } from './vocabulary';

/** The vocabularies from SOURCES_FILE, loaded once; an invalid file throws here and stops the start. */
@Injectable()
export class SourcesStore {
  private readonly vocabularies: SourceVocabularies;

  constructor(config: AppConfig) {
    this.vocabularies = loadSourcesFile(config.SOURCES_FILE);
  }

  current(): SourceVocabularies {
    return this.vocabularies;
  }
}
