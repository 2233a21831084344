import { InitialSchema1732300000000 } from './1732300000000-initial-schema';

/** Listed explicitly: TypeORM 1.x loads no globs. Append new migrations here. */
export const MIGRATIONS = [InitialSchema1732300000000];
